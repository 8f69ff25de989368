package org.pdxhub.connector.file;

import com.jcraft.jsch.ChannelSftp;
import org.apache.camel.CamelContext;
import org.apache.camel.component.file.GenericFile;
import org.apache.camel.component.file.GenericFileEndpoint;
import org.apache.camel.component.file.GenericFileProcessStrategy;
import org.apache.camel.component.file.remote.SftpComponent;
import org.apache.camel.component.file.remote.SftpConfiguration;
import org.apache.camel.component.file.remote.SftpEndpoint;
import org.apache.camel.component.file.remote.SftpRemoteFile;
import org.apache.camel.spi.ExceptionHandler;
import org.pdxhub.connector.ConnectorConfigException;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;

/**
 * A folder on an SFTP server, on Camel's {@code sftp} consumer (JSch). The connection is kept
 * between polls and opened again after it breaks; a file is streamed to a work file under the
 * node's data folder, read from there, and moved to {@code done/} or {@code failed/} on the
 * server. The server's host key is always checked against the pinned one, never taken on trust.
 */
final class SftpDrop implements Drop {

    /**
     * {@code sftp://user@host:port/path}. Camel's sftp reads folders from the user's home folder (a
     * chrooted drop's root): {@code /path} and {@code /~/path} both name {@code path} there.
     */
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
            path = path.startsWith("/~/") ? path.substring(3) : path.substring(1);
            if (path.length() > 1 && path.endsWith("/")) {
                path = path.substring(0, path.length() - 1);
            }
            return new Address(user, uri.getHost(), uri.getPort() == -1 ? 22 : uri.getPort(), path);
        }

        @Override
        public String toString() {
            return "sftp://" + user + "@" + host + ":" + port + "/" + path;
        }
    }

    /** How the node logs in: a password or a private key file (with its passphrase), never both. */
    record Login(String password, Path privateKey, String passphrase) {
    }

    /**
     * The server's host key: known_hosts content ({@code [host]:port type key}) that JSch checks
     * with {@code StrictHostKeyChecking=yes}, from a file or from the pinned key.
     *
     * @param file     a known_hosts file, or null
     * @param content  known_hosts lines made from the pinned key, or null
     * @param keyType  the pinned key's type, offered alone to the server; null with a file
     */
    record HostKeys(Path file, byte[] content, String keyType) {
    }

    private static final System.Logger LOG = System.getLogger(SftpDrop.class.getName());

    private final Address address;
    private final Login login;
    private final HostKeys hostKeys;
    private final Duration timeout;
    private final Path work;

    /** @param work where fetched files are written while they are read */
    SftpDrop(Address address, Login login, HostKeys hostKeys, Duration timeout, Path work) {
        this.address = address;
        this.login = login;
        this.hostKeys = hostKeys;
        this.timeout = timeout;
        this.work = work;
    }

    @Override
    public String describe() {
        return address.toString();
    }

    @Override
    public GenericFileEndpoint<?> endpoint(CamelContext camel, ExceptionHandler afterTheFile) {
        SftpConfiguration config = new SftpConfiguration(URI.create("sftp://" + address.user() + "@" + address.host() + ":"
                + address.port() + "/" + address.path()));
        config.setPassword(login.password());
        if (login.privateKey() != null) {
            config.setPrivateKeyFile(login.privateKey().toString());
            config.setPrivateKeyPassphrase(login.passphrase());
        }
        // Only the pinned key: not ~/.ssh/known_hosts of the account the node runs under, and no key taken on first sight.
        config.setUseUserKnownHostsFile(false);
        config.setAutoCreateKnownHostsFile(false);
        config.setStrictHostKeyChecking("yes");
        if (hostKeys.file() != null) {
            config.setKnownHostsFile(hostKeys.file().toString());
        } else {
            config.setKnownHosts(hostKeys.content());
            config.setServerHostKeys(hostKeys.keyType());
        }
        config.setConnectTimeout((int) timeout.toMillis());
        config.setTimeout((int) timeout.toMillis());
        // A server that cannot be reached or refuses the login is a failed poll (the back-off), not an empty one.
        config.setThrowExceptionOnConnectFailed(true);
        Endpoint endpoint = new Endpoint(address.toString(), camel.getComponent("sftp", SftpComponent.class), config);
        endpoint.setLocalWorkDirectory(work.toString());
        Drop.consumerOptions(endpoint, afterTheFile, Comparator.comparing(GenericFile::getFileNameOnly));
        endpoint.setFilter(SftpDrop::plainFile);
        return endpoint;
    }

    /** Not a link, nor a name that climbs out of the folder (a server's listing is not trusted). */
    private static boolean plainFile(GenericFile<SftpRemoteFile> file) {
        String name = file.getFileNameOnly();
        if (file.isDirectory() || name.contains("/") || name.contains("\\") || name.equals("..")) {
            return false;
        }
        if (file.getFile().getRemoteFile() instanceof ChannelSftp.LsEntry entry && entry.getAttrs().isLink()) {
            LOG.log(System.Logger.Level.WARNING, name + " is a link on the SFTP server, not a file; it is left unread");
            return false;
        }
        return true;
    }

    @Override
    public String failure(Throwable cause) {
        String deepest = Drop.deepest(cause);
        if (deepest.contains("HostKey") || deepest.contains("host key")) {
            return "the server's host key is not the one in " + (hostKeys.file() != null ? "sftp-known-hosts" : "sftp-host-key")
                    + ", connection refused (" + deepest + "); if the server's key was changed on purpose, give its new key";
        }
        if (deepest.startsWith("Auth fail") || deepest.startsWith("Auth cancel")) {
            return "the server refused the login of " + address.user() + " (" + deepest + "): check "
                    + (login.password() != null ? "sftp-password" : "sftp-private-key");
        }
        return deepest;
    }

    /** Camel's sftp endpoint, its process strategy wrapped so that each file's outcome is written beside it. */
    private static final class Endpoint extends SftpEndpoint {
        Endpoint(String uri, SftpComponent component, SftpConfiguration configuration) {
            super(uri, component, configuration);
        }

        @Override
        protected GenericFileProcessStrategy<SftpRemoteFile> createGenericFileStrategy() {
            return new Outcomes<>(super.createGenericFileStrategy());
        }
    }
}
