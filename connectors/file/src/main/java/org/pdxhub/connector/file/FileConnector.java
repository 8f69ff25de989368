package org.pdxhub.connector.file;

import jakarta.inject.Singleton;
import org.apache.sshd.client.keyverifier.KnownHostsServerKeyVerifier;
import org.apache.sshd.client.keyverifier.RejectAllServerKeyVerifier;
import org.apache.sshd.client.keyverifier.ServerKeyVerifier;
import org.apache.sshd.client.config.hosts.KnownHostEntry;
import org.apache.sshd.common.NamedResource;
import org.apache.sshd.common.config.keys.FilePasswordProvider;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.util.security.SecurityUtils;
import org.pdxhub.connector.Connector;
import org.pdxhub.connector.ConnectorConfigException;
import org.pdxhub.connector.ConnectorContext;
import org.pdxhub.connector.ConnectorInstance;
import org.pdxhub.connector.OptionSpec;
import org.pdxhub.connector.ConnectorOptions;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Batch files a department drops into a folder, on this machine or on an SFTP server: CSV
 * (header row), XLSX (first row names the fields) or JSON (an array of records), told apart by
 * their content, streamed in batches through the gate. A file is taken once it has not changed
 * for a second (or write it under a dot-name and rename it in); done files go to {@code done/},
 * bad ones to {@code failed/} with {@code <name>.reason.txt}, on the server for SFTP too.
 */
@Singleton
public class FileConnector implements Connector<FileOptions> {

    /** The options as declared, for tests and listings. */
    static final List<OptionSpec> OPTIONS = ConnectorOptions.describe(FileOptions.class);

    private static final Pattern SCHEME = Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]+)://.*");
    private static final Pattern FINGERPRINT = Pattern.compile("^(SHA256:[A-Za-z0-9+/]{43}=?|MD5(:[0-9a-fA-F]{2}){16})$");
    private static final System.Logger LOG = System.getLogger(FileConnector.class.getName());

    @Override
    public String kind() {
        return "file";
    }

    @Override
    public String description() {
        return "CSV, XLSX and JSON batch files from a folder or an SFTP server, through the gate";
    }

    @Override
    public Class<FileOptions> optionsType() {
        return FileOptions.class;
    }

    @Override
    public ConnectorInstance create(String name, FileOptions options, ConnectorContext ctx) {
        String folder = options.folder();
        Matcher scheme = SCHEME.matcher(folder);
        Drop drop;
        if (scheme.matches() && scheme.group(1).equalsIgnoreCase("sftp")) {
            drop = sftp(name, options, ctx);
        } else if (scheme.matches() && !scheme.group(1).equalsIgnoreCase("file")) {
            throw new ConnectorConfigException("folder", "'" + scheme.group(1) + "' is not a scheme the file connector reads: "
                    + "give a local folder or sftp://user@host:port/path");
        } else {
            Map<String, Object> sftpOnly = new LinkedHashMap<>();
            sftpOnly.put("sftp-password", options.sftpPassword());
            sftpOnly.put("sftp-private-key", options.sftpPrivateKey());
            sftpOnly.put("sftp-private-key-passphrase", options.sftpPrivateKeyPassphrase());
            sftpOnly.put("sftp-known-hosts", options.sftpKnownHosts());
            sftpOnly.put("sftp-host-key", options.sftpHostKey());
            for (Map.Entry<String, Object> e : sftpOnly.entrySet()) {
                if (e.getValue() != null) {
                    throw new ConnectorConfigException(e.getKey(), "only for an sftp:// folder, and " + folder + " is a local one: remove it");
                }
            }
            drop = local(scheme.matches() ? Path.of(URI.create(folder)) : Path.of(folder));
        }
        return new FileFolder(name, drop, options.resource(), options.person(), options.purpose(), options.poll(), options.batchSize(),
                options.sheet(), ctx == null ? null : ctx.sink());
    }

    private static Drop local(Path folder) {
        if (!Files.isDirectory(folder)) {
            throw new ConnectorConfigException("folder", folder + " is not a folder: create it or correct the path");
        }
        if (!Files.isWritable(folder)) {
            throw new ConnectorConfigException("folder", folder + " is not writable: done files are moved out of it");
        }
        try {
            Files.createDirectories(folder.resolve("done"));
            Files.createDirectories(folder.resolve("failed"));
        } catch (IOException e) {
            throw new ConnectorConfigException("folder", "cannot create done/ and failed/ in " + folder + ": " + e.getMessage());
        }
        return new LocalDrop(folder);
    }

    /** Everything is checked here, so that a wrong key file or fingerprint stops start-up rather than the first poll. */
    private static Drop sftp(String name, FileOptions options, ConnectorContext ctx) {
        SftpDrop.Address address = SftpDrop.Address.parse(options.folder());
        String password = options.sftpPassword();
        Path keyFile = options.sftpPrivateKey();
        if (password == null && keyFile == null) {
            throw new ConnectorConfigException("sftp-password", "missing: an sftp:// folder needs sftp-password or sftp-private-key "
                    + "for " + address.user());
        }
        if (password != null && keyFile != null) {
            throw new ConnectorConfigException("sftp-private-key", "give sftp-password or sftp-private-key, not both");
        }
        if (options.sftpPrivateKeyPassphrase() != null && keyFile == null) {
            throw new ConnectorConfigException("sftp-private-key-passphrase", "only with sftp-private-key: remove it or give the key");
        }
        KeyPair key = keyFile == null ? null : privateKey(keyFile, options.sftpPrivateKeyPassphrase());
        ServerKeyVerifier hostKeys = hostKeys(address, options.sftpKnownHosts(), options.sftpHostKey());
        Path work = (ctx == null || ctx.dataDir() == null ? Path.of(System.getProperty("java.io.tmpdir")) : ctx.dataDir())
                .resolve("connectors").resolve(name);
        return new SftpDrop(address, password, key, hostKeys, options.sftpConnectTimeout(), work);
    }

    private static KeyPair privateKey(Path file, String passphrase) {
        if (!Files.isReadable(file)) {
            throw new ConnectorConfigException("sftp-private-key", file + " cannot be read: correct the path or its permissions");
        }
        try (InputStream in = Files.newInputStream(file)) {
            Iterable<KeyPair> keys = SecurityUtils.loadKeyPairIdentities(null, NamedResource.ofName(file.toString()), in,
                    passphrase == null ? null : FilePasswordProvider.of(passphrase));
            Iterator<KeyPair> it = keys == null ? null : keys.iterator();
            if (it == null || !it.hasNext()) {
                throw new ConnectorConfigException("sftp-private-key", file + " holds no private key");
            }
            return it.next();
        } catch (ConnectorConfigException e) {
            throw e;
        } catch (Exception e) {
            throw new ConnectorConfigException("sftp-private-key", "cannot read the private key in " + file + " (" + e.getMessage()
                    + ")" + (passphrase == null ? ": if it has a passphrase, give sftp-private-key-passphrase" : ""));
        }
    }

    /** The server is known beforehand: a key that is not the expected one ends the connection. */
    private static ServerKeyVerifier hostKeys(SftpDrop.Address address, Path knownHosts, String fingerprint) {
        if (knownHosts == null && fingerprint == null) {
            throw new ConnectorConfigException("sftp-known-hosts", "missing: an sftp:// folder needs sftp-known-hosts or sftp-host-key, "
                    + "so that the server's identity is checked (ssh-keyscan -p " + address.port() + " " + address.host()
                    + " | ssh-keygen -lf - prints the fingerprint)");
        }
        if (knownHosts != null && fingerprint != null) {
            throw new ConnectorConfigException("sftp-host-key", "give sftp-known-hosts or sftp-host-key, not both");
        }
        if (fingerprint != null) {
            String expected = fingerprint.trim();
            if (!FINGERPRINT.matcher(expected).matches()) {
                throw new ConnectorConfigException("sftp-host-key", "'" + expected + "' is not a host key fingerprint: write it as "
                        + "ssh-keygen -lf prints it, SHA256: and 43 base64 characters");
            }
            return (session, remote, key) -> {
                boolean matches = KeyUtils.checkFingerPrint(expected, key).getKey();
                if (!matches) {
                    LOG.log(System.Logger.Level.WARNING, address + " presented host key " + KeyUtils.getFingerPrint(key)
                            + ", not the one in sftp-host-key: connection refused");
                }
                return matches;
            };
        }
        Path file = knownHosts;
        try {
            if (KnownHostEntry.readKnownHostEntries(file).isEmpty()) {
                throw new ConnectorConfigException("sftp-known-hosts", file + " holds no host key");
            }
        } catch (ConnectorConfigException e) {
            throw e;
        } catch (Exception e) {
            throw new ConnectorConfigException("sftp-known-hosts", "cannot read " + file + " as a known_hosts file: " + e.getMessage());
        }
        return new KnownHostsServerKeyVerifier(RejectAllServerKeyVerifier.INSTANCE, file);
    }
}
