package org.pdxhub.connector.file;

import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.config.hosts.HostConfigEntryResolver;
import org.apache.sshd.client.keyverifier.ServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.keyprovider.KeyIdentityProvider;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.SftpClientFactory;
import org.apache.sshd.sftp.common.SftpConstants;
import org.apache.sshd.sftp.common.SftpException;
import org.pdxhub.connector.ConnectorConfigException;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A folder on an SFTP server (Apache MINA SSHD client). One session is kept between polls and
 * opened again after it breaks. A file is streamed to a temporary file under the node's data
 * folder, read from there, and moved to {@code done/} or {@code failed/} on the server; the
 * server's host key is always checked (known_hosts or a fingerprint), never taken on trust.
 */
final class SftpDrop implements Drop {

    /** {@code sftp://user@host:port/path}; {@code /~/path} is relative to the user's home folder. */
    record Address(String user, String host, int port, String path) {

        /** @throws ConnectorConfigException naming {@code folder}; never repeats a password put in the URL */
        static Address parse(String url) {
            URI uri;
            try {
                uri = new URI(url.trim());
            } catch (URISyntaxException e) {
                throw new ConnectorConfigException("folder", "not a valid sftp:// URL (" + e.getReason()
                        + "): write it as sftp://user@host:port/path");
            }
            String user = uri.getUserInfo();
            if (user != null && user.contains(":")) {
                throw new ConnectorConfigException("folder", "the sftp:// URL holds a password: remove it from the URL and give it as sftp-password");
            }
            if (user == null || user.isBlank()) {
                throw new ConnectorConfigException("folder", "the sftp:// URL names no user: write it as sftp://user@host:port/path");
            }
            if (uri.getHost() == null) {
                throw new ConnectorConfigException("folder", "the sftp:// URL names no host: write it as sftp://user@host:port/path");
            }
            String path = uri.getPath();
            if (path == null || path.isEmpty() || path.equals("/~") || path.equals("/~/")) {
                throw new ConnectorConfigException("folder", "the sftp:// URL names no folder: write it as sftp://user@host:port/path "
                        + "(or /~/path for a folder in the user's home)");
            }
            if (path.startsWith("/~/")) {
                path = path.substring(3);
            }
            if (path.length() > 1 && path.endsWith("/")) {
                path = path.substring(0, path.length() - 1);
            }
            return new Address(user, uri.getHost(), uri.getPort() == -1 ? 22 : uri.getPort(), path);
        }

        @Override
        public String toString() {
            return "sftp://" + user + "@" + host + ":" + port + (path.startsWith("/") ? path : "/~/" + path);
        }
    }

    private static final System.Logger LOG = System.getLogger(SftpDrop.class.getName());

    private final Address address;
    private final String password;
    private final KeyPair key;
    private final ServerKeyVerifier hostKeys;
    private final Duration timeout;
    private final Path work;

    private SshClient client;
    private ClientSession session;
    private SftpClient sftp;

    /**
     * @param password null when the key is used
     * @param key      null when the password is used
     * @param work     where fetched files are written while they are read
     */
    SftpDrop(Address address, String password, KeyPair key, ServerKeyVerifier hostKeys, Duration timeout, Path work) {
        this.address = address;
        this.password = password;
        this.key = key;
        this.hostKeys = hostKeys;
        this.timeout = timeout;
        this.work = work;
    }

    @Override
    public String describe() {
        return address.toString();
    }

    @Override
    public List<Arrival> settled(Instant settled) throws IOException {
        return call(sftp -> {
            List<Arrival> ready = new ArrayList<>();
            for (SftpClient.DirEntry entry : sftp.readDir(address.path())) {
                SftpClient.Attributes attributes = entry.getAttributes();
                if (!entry.getFilename().startsWith(".") && attributes.isRegularFile()
                        && attributes.getModifyTime().toInstant().isBefore(settled)) {
                    ready.add(new Arrival(entry.getFilename(), attributes.getSize(), attributes.getModifyTime().toInstant()));
                }
            }
            ready.sort(Comparator.comparing(Arrival::name));
            return ready;
        });
    }

    @Override
    public Fetched fetch(Arrival file) throws IOException {
        Files.createDirectories(work);
        Path copy = Files.createTempFile(work, "sftp-", ".part");
        try {
            long size = call(sftp -> {
                try (InputStream in = sftp.read(remote(file.name())); OutputStream out = Files.newOutputStream(copy)) {
                    return in.transferTo(out);
                }
            });
            if (size != file.size()) {
                throw new IOException(file.name() + " changed while it was fetched (" + file.size() + " bytes listed, " + size + " read)");
            }
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(copy);
            throw e;
        }
        return new Fetched() {
            public Path path() {
                return copy;
            }

            public void close() throws IOException {
                Files.deleteIfExists(copy);
            }
        };
    }

    @Override
    public void move(Arrival file, String to, String reason) throws IOException {
        call(sftp -> {
            String folder = join(address.path(), to);
            String target = join(folder, file.name());
            if (exists(sftp, target)) {
                target = join(folder, Instant.now().toEpochMilli() + "-" + file.name());
            }
            sftp.rename(remote(file.name()), target);
            if (reason != null) {
                try (OutputStream out = sftp.write(target + ".reason.txt")) {
                    out.write((reason + "\n").getBytes(StandardCharsets.UTF_8));
                }
            }
            return null;
        });
    }

    @Override
    public synchronized void close() {
        try {
            if (sftp != null) {
                sftp.close();
            }
            if (session != null) {
                session.close();
            }
            if (client != null) {
                client.stop();
            }
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "closing " + address + ": " + e);
        } finally {
            sftp = null;
            session = null;
            client = null;
        }
    }

    private interface SftpCall<T> {
        T on(SftpClient sftp) throws IOException;
    }

    /** Runs on the open session; a failure closes it, so that the next call connects afresh. */
    private synchronized <T> T call(SftpCall<T> op) throws IOException {
        try {
            return op.on(connected());
        } catch (SftpException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
    }

    private SftpClient connected() throws IOException {
        if (sftp != null && sftp.isOpen() && session.isOpen()) {
            return sftp;
        }
        close();
        client = SshClient.setUpDefaultClient();
        // Nothing from the account the node runs under: not ~/.ssh/config, not ~/.ssh/id_*.
        client.setHostConfigEntryResolver(HostConfigEntryResolver.EMPTY);
        client.setKeyIdentityProvider(KeyIdentityProvider.EMPTY_KEYS_PROVIDER);
        client.setServerKeyVerifier(hostKeys);
        client.start();
        session = client.connect(address.user(), address.host(), address.port()).verify(timeout).getClientSession();
        if (password != null) {
            session.addPasswordIdentity(password);
        }
        if (key != null) {
            session.addPublicKeyIdentity(key);
        }
        session.auth().verify(timeout);
        sftp = SftpClientFactory.instance().createSftpClient(session);
        if (!exists(sftp, address.path())) {
            throw new IOException("no folder " + address.path() + " on the server");
        }
        for (String folder : List.of("done", "failed")) {
            if (!exists(sftp, join(address.path(), folder))) {
                sftp.mkdir(join(address.path(), folder));
            }
        }
        return sftp;
    }

    private String remote(String name) {
        return join(address.path(), name);
    }

    private static String join(String folder, String name) {
        return folder.endsWith("/") ? folder + name : folder + "/" + name;
    }

    private static boolean exists(SftpClient sftp, String path) throws IOException {
        try {
            sftp.lstat(path);
            return true;
        } catch (SftpException e) {
            if (e.getStatus() == SftpConstants.SSH_FX_NO_SUCH_FILE) {
                return false;
            }
            throw e;
        }
    }
}
