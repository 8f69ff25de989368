package org.pdxhub.connector.file;

import jakarta.inject.Singleton;
import com.jcraft.jsch.JSch;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.KeyPair;
import org.pdxhub.connector.Connector;
import org.pdxhub.connector.ConnectorConfigException;
import org.pdxhub.connector.ConnectorContext;
import org.pdxhub.connector.ConnectorInstance;
import org.pdxhub.connector.OptionSpec;
import org.pdxhub.connector.ConnectorOptions;

import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
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
    private static final Pattern FINGERPRINT = Pattern.compile("^(SHA256|SHA1|MD5):.*");
    private static final Pattern KEY_TYPE = Pattern.compile("^(ssh-ed25519|ssh-ed448|ssh-rsa|ecdsa-sha2-nistp(256|384|521)|ssh-dss)$");

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
        return new FileFolder(name, drop, options, ctx);
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

    /** Everything is checked here, so that a wrong key file or host key stops start-up rather than the first poll. */
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
        if (keyFile != null) {
            checkPrivateKey(keyFile, options.sftpPrivateKeyPassphrase());
        }
        SftpDrop.HostKeys hostKeys = hostKeys(address, options.sftpKnownHosts(), options.sftpHostKey());
        Path work = (ctx == null || ctx.dataDir() == null ? Path.of(System.getProperty("java.io.tmpdir")) : ctx.dataDir())
                .resolve("connectors").resolve(name);
        return new SftpDrop(address, new SftpDrop.Login(password, keyFile, options.sftpPrivateKeyPassphrase()), hostKeys,
                options.sftpConnectTimeout(), work);
    }

    /** Read as JSch, which logs in with it, reads it: a key it cannot read or decrypt stops start-up here. */
    private static void checkPrivateKey(Path file, String passphrase) {
        if (!Files.isReadable(file)) {
            throw new ConnectorConfigException("sftp-private-key", file + " cannot be read: correct the path or its permissions");
        }
        KeyPair key;
        try {
            key = KeyPair.load(new JSch(), file.toString());
        } catch (JSchException e) {
            throw new ConnectorConfigException("sftp-private-key", "cannot read the private key in " + file + " (" + e.getMessage()
                    + "): give an OpenSSH or PEM private key");
        }
        try {
            if (key.isEncrypted() && passphrase == null) {
                throw new ConnectorConfigException("sftp-private-key-passphrase", "missing: the key in " + file + " has a passphrase");
            }
            if (key.isEncrypted() && !key.decrypt(passphrase)) {
                throw new ConnectorConfigException("sftp-private-key-passphrase", "does not open the key in " + file
                        + ": correct the passphrase");
            }
        } finally {
            key.dispose();
        }
    }

    /**
     * The server is known beforehand: its public key (as {@code ssh-keyscan} prints it) or a
     * known_hosts file. A fingerprint is refused: the SFTP client compares keys, not their hashes.
     */
    private static SftpDrop.HostKeys hostKeys(SftpDrop.Address address, Path knownHosts, String pinned) {
        String keyscan = "ssh-keyscan -p " + address.port() + " " + address.host();
        if (knownHosts == null && pinned == null) {
            throw new ConnectorConfigException("sftp-known-hosts", "missing: an sftp:// folder needs sftp-known-hosts or sftp-host-key, "
                    + "so that the server's identity is checked (" + keyscan + " prints the server's keys)");
        }
        if (knownHosts != null && pinned != null) {
            throw new ConnectorConfigException("sftp-host-key", "give sftp-host-key or sftp-known-hosts, not both");
        }
        if (knownHosts != null) {
            return new SftpDrop.HostKeys(checkKnownHosts(knownHosts), null, null);
        }
        String[] words = pinned.trim().split("\\s+");
        if (FINGERPRINT.matcher(words[0]).matches()) {
            throw new ConnectorConfigException("sftp-host-key", "'" + words[0] + "' is a fingerprint; give the server's public key "
                    + "itself, e.g. 'ecdsa-sha2-nistp256 AAAA...' as " + keyscan + " prints it after the host");
        }
        // Either the key alone ("type base64") or a whole ssh-keyscan line ("host type base64").
        int type = KEY_TYPE.matcher(words[0]).matches() ? 0 : words.length > 1 && KEY_TYPE.matcher(words[1]).matches() ? 1 : -1;
        if (type < 0 || words.length < type + 2) {
            throw new ConnectorConfigException("sftp-host-key", "not a host key: give the server's public key, e.g. "
                    + "'ecdsa-sha2-nistp256 AAAA...' as " + keyscan + " prints it after the host");
        }
        String keyType = words[type];
        byte[] blob;
        try {
            blob = Base64.getDecoder().decode(words[type + 1]);
        } catch (IllegalArgumentException e) {
            throw new ConnectorConfigException("sftp-host-key", "the key after " + keyType + " is not base64: copy it whole from " + keyscan);
        }
        if (!keyType.equals(wireType(blob))) {
            throw new ConnectorConfigException("sftp-host-key", "the key after " + keyType + " is not a " + keyType
                    + " key: copy it whole from " + keyscan);
        }
        String host = address.port() == 22 ? address.host() : "[" + address.host() + "]:" + address.port();
        return new SftpDrop.HostKeys(null, (host + " " + keyType + " " + words[type + 1] + "\n").getBytes(StandardCharsets.US_ASCII),
                keyType);
    }

    /** The type a public key blob names first (SSH wire format: a length, then the type). */
    private static String wireType(byte[] blob) {
        if (blob.length < 4) {
            return "";
        }
        int length = ByteBuffer.wrap(blob, 0, 4).getInt();
        return length <= 0 || length > blob.length - 4 ? "" : new String(blob, 4, length, StandardCharsets.US_ASCII);
    }

    private static Path checkKnownHosts(Path file) {
        if (!Files.isReadable(file)) {
            throw new ConnectorConfigException("sftp-known-hosts", file + " cannot be read: correct the path or its permissions");
        }
        JSch jsch = new JSch();
        try {
            jsch.setKnownHosts(file.toString());
        } catch (JSchException e) {
            throw new ConnectorConfigException("sftp-known-hosts", "cannot read " + file + " as a known_hosts file: " + e.getMessage());
        }
        if (jsch.getHostKeyRepository().getHostKey() == null || jsch.getHostKeyRepository().getHostKey().length == 0) {
            throw new ConnectorConfigException("sftp-known-hosts", file + " holds no host key");
        }
        return file;
    }
}
