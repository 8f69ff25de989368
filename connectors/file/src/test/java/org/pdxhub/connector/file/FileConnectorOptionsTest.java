package org.pdxhub.connector.file;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pdxhub.connector.ConnectorConfigException;
import org.pdxhub.connector.OptionSpec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A wrong option stops start-up naming the option, before anything connects. */
class FileConnectorOptionsTest {

    @TempDir
    Path dir;

    static Map<String, String> options(String folder, String... more) {
        Map<String, String> options = new HashMap<>(Map.of("resource", "GZ-TEST", "person", "p", "purpose", "q"));
        if (folder != null) {
            options.put("folder", folder);
        }
        for (int i = 0; i < more.length; i += 2) {
            options.put(more[i], more[i + 1]);
        }
        return options;
    }

    static ConnectorConfigException refused(Map<String, String> options) {
        return assertThrows(ConnectorConfigException.class, () -> new FileConnector().create("drop", options, new RecordingSink().context(null)));
    }

    @Test
    void everyOptionIsDescribedAndSftpOnesHaveNoDefaultButTheTimeout() {
        for (OptionSpec option : FileConnector.OPTIONS) {
            assertFalse(option.description().isBlank(), option.name());
        }
        assertEquals("30s", FileConnector.OPTIONS.stream().filter(o -> o.name().equals("sftp-connect-timeout")).findFirst().orElseThrow().defaultValue());
    }

    @Test
    void aMissingFolderIsNamed() {
        ConnectorConfigException e = refused(options(null));
        assertEquals("folder", e.option());
        assertTrue(e.getMessage().contains("sftp://"), e.getMessage());
    }

    @Test
    void anUnknownSchemeIsNamedAsTheFolder() {
        ConnectorConfigException e = refused(options("ftp://dept@10.0.0.5/drop"));
        assertEquals("folder", e.option());
        assertTrue(e.getMessage().startsWith("'ftp' is not a scheme the file connector reads"), e.getMessage());
    }

    @Test
    void sftpWithoutCredentialsNamesThePassword() {
        ConnectorConfigException e = refused(options("sftp://dept@10.0.0.5:2222/drop", "sftp-host-key", "SHA256:" + "A".repeat(43)));
        assertEquals("sftp-password", e.option());
        assertTrue(e.getMessage().contains("sftp-private-key"), e.getMessage());
    }

    @Test
    void sftpWithoutAHostKeyNamesKnownHosts() {
        ConnectorConfigException e = refused(options("sftp://dept@10.0.0.5:2222/drop", "sftp-password", "pw"));
        assertEquals("sftp-known-hosts", e.option());
        assertTrue(e.getMessage().contains("sftp-host-key"), e.getMessage());
    }

    @Test
    void aPasswordInTheUrlIsRefusedWithoutRepeatingIt() {
        ConnectorConfigException e = refused(options("sftp://dept:hunter2@10.0.0.5/drop", "sftp-password", "pw"));
        assertEquals("folder", e.option());
        assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
    }

    @Test
    void anSftpUrlWithoutUserOrFolderIsRefused() {
        assertEquals("folder", refused(options("sftp://10.0.0.5/drop", "sftp-password", "pw")).option());
        assertEquals("folder", refused(options("sftp://dept@10.0.0.5", "sftp-password", "pw")).option());
    }

    @Test
    void aMalformedFingerprintIsNamed() {
        ConnectorConfigException e = refused(options("sftp://dept@10.0.0.5/drop", "sftp-password", "pw", "sftp-host-key", "ab:cd"));
        assertEquals("sftp-host-key", e.option());
    }

    @Test
    void anUnreadableKeyFileIsNamed() throws Exception {
        Path key = Files.writeString(dir.resolve("id_ecdsa"), "not a key\n");
        ConnectorConfigException e = refused(options("sftp://dept@10.0.0.5/drop", "sftp-private-key", key.toString(),
                "sftp-host-key", "SHA256:" + "A".repeat(43)));
        assertEquals("sftp-private-key", e.option());
    }

    @Test
    void sftpOptionsOnALocalFolderAreNamed() {
        ConnectorConfigException e = refused(options(dir.toString(), "sftp-password", "pw"));
        assertEquals("sftp-password", e.option());
    }

    @Test
    void aFileUriIsALocalFolder() {
        assertNotNull(new FileConnector().create("drop", options(dir.toUri().toString()), new RecordingSink().context(dir)));
        assertTrue(Files.isDirectory(dir.resolve("done")));
    }

    /** Camel's sftp reads a folder from the user's home (a chrooted drop's root); /~/ says the same. */
    @Test
    void anSftpUrlIsDescribedWithoutSecretsAndItsFolderIsInTheUsersHome() {
        assertEquals("sftp://dept@10.0.0.5:22/drop", SftpDrop.Address.parse("sftp://dept@10.0.0.5/~/drop/").toString());
        assertEquals("sftp://dept@10.0.0.5:2222/srv/drop", SftpDrop.Address.parse("sftp://dept@10.0.0.5:2222/srv/drop").toString());
        assertEquals("srv/drop", SftpDrop.Address.parse("sftp://dept@10.0.0.5:2222/srv/drop").path());
    }

    /** The SFTP client compares the server's key with a known one; a fingerprint cannot be compared, so it is refused at start, saying what to give. */
    @Test
    void aFingerprintAsTheHostKeyIsRefusedSayingToGiveThePublicKey() {
        ConnectorConfigException e = refused(options("sftp://dept@10.0.0.5:2222/drop", "sftp-password", "pw",
                "sftp-host-key", "SHA256:" + "A".repeat(43)));
        assertEquals("sftp-host-key", e.option());
        assertTrue(e.getMessage().contains("ssh-keyscan -p 2222 10.0.0.5"), e.getMessage());
        assertTrue(e.getMessage().contains("public key"), e.getMessage());
    }

    @Test
    void aHostKeyWhoseBytesAreOfAnotherTypeIsRefused() {
        // An ssh-ed25519 key blob claimed as ecdsa: a pasting mistake that would never match the server.
        String ed25519 = "AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl";
        ConnectorConfigException e = refused(options("sftp://dept@10.0.0.5/drop", "sftp-password", "pw",
                "sftp-host-key", "ecdsa-sha2-nistp256 " + ed25519));
        assertEquals("sftp-host-key", e.option());
        assertTrue(e.getMessage().contains("not a ecdsa-sha2-nistp256 key"), e.getMessage());
        assertNotNull(new FileConnector().create("drop", options("sftp://dept@10.0.0.5/drop", "sftp-password", "pw",
                "sftp-host-key", "10.0.0.5 ssh-ed25519 " + ed25519), new RecordingSink().context(dir)), "an ssh-keyscan line as printed");
    }
}
