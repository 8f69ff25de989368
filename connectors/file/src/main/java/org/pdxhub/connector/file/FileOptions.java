package org.pdxhub.connector.file;

import org.pdxhub.connector.Option;

import java.nio.file.Path;
import java.time.Duration;

/** The options of a {@code file} connector instance, {@code pdx.connectors.<name>.<option>}. */
public record FileOptions(
        @Option(name = "folder", required = true, description = "Where the department drops files: a local folder, or "
                + "sftp://user@host:port/path on an SFTP server (path is in the user's home folder, the root of a chrooted drop);"
                + " done/ and failed/ are made inside it")
        String folder,
        @Option(name = "resource", required = true, description = "Catalog code of the resource the records belong to")
        String resource,
        @Option(name = "person", required = true, description = "Who sends, for the usage log (e.g. the department system's name)")
        String person,
        @Option(name = "purpose", required = true, description = "Why, for the usage log")
        String purpose,
        @Option(name = "poll", defaultValue = "2s", min = 100, description = "How often the folder is looked at")
        Duration poll,
        @Option(name = "batch-size", defaultValue = "500", min = 1, max = 100_000, description = "Records per batch sent through the gate")
        int batchSize,
        @Option(name = "sheet", description = "Sheet of an XLSX workbook to read, by name; the first sheet when not set")
        String sheet,
        @Option(name = "sftp-password", secret = true, description = "Password of the SFTP user (or give sftp-private-key)")
        String sftpPassword,
        @Option(name = "sftp-private-key", description = "Private key file of the SFTP user, OpenSSH or PEM (RSA or ECDSA)")
        Path sftpPrivateKey,
        @Option(name = "sftp-private-key-passphrase", secret = true, description = "Passphrase of sftp-private-key, when it has one")
        String sftpPrivateKeyPassphrase,
        @Option(name = "sftp-known-hosts", description = "known_hosts file that holds the SFTP server's host key (or give sftp-host-key)")
        Path sftpKnownHosts,
        @Option(name = "sftp-host-key", description = "The SFTP server's public host key, 'ecdsa-sha2-nistp256 AAAA...' as"
                + " ssh-keyscan -p PORT HOST prints it after the host (or give sftp-known-hosts); any other key is refused")
        String sftpHostKey,
        @Option(name = "sftp-connect-timeout", defaultValue = "30s", min = 100, description = "Longest wait to connect, agree keys and log"
                + " in to the SFTP server")
        Duration sftpConnectTimeout) {

    @Override
    public String toString() {
        // Secrets never reach a log line through this record.
        return "FileOptions[folder=" + folder + ", resource=" + resource + ", poll=" + poll + ", batchSize=" + batchSize + "]";
    }
}
