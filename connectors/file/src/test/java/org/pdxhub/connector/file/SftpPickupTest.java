package org.pdxhub.connector.file;

import org.apache.sshd.common.NamedFactory;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyEncryptionContext;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.apache.sshd.common.file.virtualfs.VirtualFileSystemFactory;
import org.apache.sshd.common.kex.BuiltinDHFactories;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.server.ServerBuilder;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pdxhub.connector.Health;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Files picked up from a real SFTP server: Apache MINA SSHD's server with its SFTP subsystem,
 * on a folder of this test, on a free port in 18300-18399.
 */
class SftpPickupTest {

    @TempDir
    Path server;

    @TempDir
    Path node;

    final RecordingSink sink = new RecordingSink();
    final KeyPair hostKey = generate();
    final KeyPair userKey = generate();
    SshServer sshd;
    int port;
    Path drop;

    static KeyPair generate() {
        try {
            return KeyUtils.generateKeyPair(KeyPairProvider.ECDSA_SHA2_NISTP256, 256);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @BeforeEach
    void startServer() throws Exception {
        drop = Files.createDirectories(server.resolve("drop"));
        port = freePort();
        sshd = start(port);
    }

    SshServer start(int port) throws IOException {
        SshServer s = SshServer.setUpDefaultServer();
        s.setHost("127.0.0.1");
        s.setPort(port);
        s.setKeyPairProvider(KeyPairProvider.wrap(hostKey));
        s.setPasswordAuthenticator((user, password, session) -> "dept".equals(user) && "s3cret-口令".equals(password));
        s.setPublickeyAuthenticator((user, key, session) -> "dept".equals(user) && KeyUtils.compareKeys(key, userKey.getPublic()));
        s.setSubsystemFactories(List.of(new SftpSubsystemFactory()));
        s.setFileSystemFactory(new VirtualFileSystemFactory(server));
        // Classic key exchanges only: the post-quantum sntrup761 that both sides prefer costs seconds of CPU
        // per handshake here, twice over with client and server in one JVM. The client keeps its defaults.
        s.setKeyExchangeFactories(NamedFactory.setUpTransformedFactories(false,
                List.of(BuiltinDHFactories.curve25519, BuiltinDHFactories.ecdhp256), ServerBuilder.DH2KEX));
        s.start();
        return s;
    }

    @AfterEach
    void stopServer() throws IOException {
        if (sshd != null) {
            sshd.stop(true);
        }
    }

    static int freePort() throws IOException {
        for (int p = 18300; p < 18400; p++) {
            try (ServerSocket probe = new ServerSocket(p, 1, InetAddress.getByName("127.0.0.1"))) {
                return p;
            } catch (IOException taken) {
                // next one
            }
        }
        throw new IOException("no free port in 18300-18399");
    }

    FileFolder instance(String... more) {
        Map<String, String> options = new HashMap<>(Map.of("folder", "sftp://dept@127.0.0.1:" + port + "/drop", "resource", "GZ-TEST",
                "person", "测试系统", "purpose", "测试", "batch-size", "40", "sheet", "人口"));
        for (int i = 0; i < more.length; i += 2) {
            options.put(more[i], more[i + 1]);
        }
        return (FileFolder) new FileConnector().create("sftp-drop", options, sink.context(node));
    }

    FileFolder withPassword() {
        return instance("sftp-password", "s3cret-口令", "sftp-host-key", PublicKeyEntry.toString(hostKey.getPublic()));
    }

    @Test
    void aCsvAndAnXlsxAreIngestedAndMovedToDoneOnTheServerAndABadOneToFailedWithItsReason() throws Exception {
        FileConnectorTest.settled(Files.writeString(drop.resolve("a-people.csv"), "citizen_id,person_name\n513301198501010012,张三\n513301198501010020,李四\n"));
        FileConnectorTest.settled(Workbooks.people(drop.resolve("b-people.xlsx"), 100));
        FileConnectorTest.settled(Files.writeString(drop.resolve("c-bad.xlsx"), "citizen_id\n513301198501010012\n"));
        FileFolder files = withPassword();
        files.start();
        files.poll();

        assertEquals(List.of(2, 40, 40, 20), sink.sizes, "the CSV in one batch, then the workbook's 100 rows in batches of 40");
        assertEquals("张三", sink.batches.get(0).get(0).get("person_name"));
        assertEquals("1985-01-01", sink.batches.get(1).get(0).get("birth_date"));
        assertTrue(Files.exists(drop.resolve("done/a-people.csv")));
        assertTrue(Files.exists(drop.resolve("done/b-people.xlsx")));
        assertTrue(Files.exists(drop.resolve("failed/c-bad.xlsx")));
        String reason = Files.readString(drop.resolve("failed/c-bad.xlsx.reason.txt"), StandardCharsets.UTF_8);
        assertTrue(reason.contains("named c-bad.xlsx") && reason.contains("CSV text"), reason);
        assertEquals(List.of("done", "failed"), names(drop), "nothing left in the drop");
        assertEquals(List.of(), names(node.resolve("connectors/sftp-drop")), "no fetched copy left on the node");
        assertEquals(Health.Status.UP, files.health().status(), files.health().detail());
        assertEquals("watching sftp://dept@127.0.0.1:" + port + "/drop", files.health().detail());
        files.stop();
    }

    @Test
    void aPrivateKeyWithAPassphraseAndAKnownHostsFileLogIn() throws Exception {
        Path key = node.resolve("id_ecdsa");
        OpenSSHKeyEncryptionContext encryption = new OpenSSHKeyEncryptionContext();
        encryption.setPassword("钥匙-passphrase");
        encryption.setCipherName("AES");
        encryption.setCipherMode("CTR");
        encryption.setCipherType("256");
        try (OutputStream out = Files.newOutputStream(key)) {
            OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(userKey, "dept@test", encryption, out);
        }
        Path knownHosts = Files.writeString(node.resolve("known_hosts"),
                "[127.0.0.1]:" + port + " " + PublicKeyEntry.toString(hostKey.getPublic()) + "\n");
        FileConnectorTest.settled(Files.writeString(drop.resolve("people.csv"), "citizen_id\n513301198501010012\n"));
        FileFolder files = instance("sftp-private-key", key.toString(), "sftp-private-key-passphrase", "钥匙-passphrase",
                "sftp-known-hosts", knownHosts.toString());
        files.poll();

        assertEquals(1L, sink.records, files.health().detail());
        assertTrue(Files.exists(drop.resolve("done/people.csv")));
        files.stop();
    }

    @Test
    void aServerWithAnotherHostKeyIsNotTrustedAndItsFilesStay() throws Exception {
        FileConnectorTest.settled(Files.writeString(drop.resolve("people.csv"), "citizen_id\n513301198501010012\n"));
        FileFolder files = instance("sftp-password", "s3cret-口令", "sftp-host-key", PublicKeyEntry.toString(generate().getPublic()));
        files.poll();

        assertTrue(sink.messageIds.isEmpty());
        assertEquals(Health.Status.DOWN, files.health().status());
        assertTrue(files.health().detail().startsWith("cannot list sftp://dept@127.0.0.1:" + port + "/drop: the server's host key is not"
                + " the one in sftp-host-key, connection refused"), files.health().detail());
        assertTrue(Files.exists(drop.resolve("people.csv")));
        files.stop();
    }

    @Test
    void aServerWhoseKeyIsNotTheOneInTheKnownHostsFileIsRefusedNamingIt() throws Exception {
        FileConnectorTest.settled(Files.writeString(drop.resolve("people.csv"), "citizen_id\n513301198501010012\n"));
        Path knownHosts = Files.writeString(node.resolve("known_hosts"),
                "[127.0.0.1]:" + port + " " + PublicKeyEntry.toString(generate().getPublic()) + "\n");
        FileFolder files = instance("sftp-password", "s3cret-口令", "sftp-known-hosts", knownHosts.toString());
        files.poll();

        assertTrue(sink.messageIds.isEmpty());
        assertTrue(files.health().detail().contains("the server's host key is not the one in sftp-known-hosts"), files.health().detail());
        assertTrue(Files.exists(drop.resolve("people.csv")));
        files.stop();
    }

    /** A link on the server, to a file outside the drop, is not followed: the server's listing says what is a link. */
    @Test
    void aLinkOnTheServerIsNotFollowed() throws Exception {
        Path outside = FileConnectorTest.settled(Files.writeString(server.resolve("secret.csv"), "citizen_id\n513301198501010012\n"));
        Files.createSymbolicLink(drop.resolve("people.csv"), outside);
        FileConnectorTest.settled(Files.writeString(drop.resolve("real.csv"), "citizen_id\n513301198501010020\n"));
        FileFolder files = withPassword();
        files.poll();

        assertEquals(1L, sink.records, files.health().detail());
        assertEquals("513301198501010020", sink.last.get("citizen_id"));
        assertTrue(Files.isSymbolicLink(drop.resolve("people.csv")), "the link stays");
        assertTrue(Files.exists(outside));
        files.stop();
    }

    @Test
    void aWrongPasswordLeavesTheFilesAndSaysSo() throws Exception {
        FileConnectorTest.settled(Files.writeString(drop.resolve("people.csv"), "citizen_id\n513301198501010012\n"));
        FileFolder files = instance("sftp-password", "wrong", "sftp-host-key", PublicKeyEntry.toString(hostKey.getPublic()));
        files.poll();
        assertEquals(Health.Status.DOWN, files.health().status());
        assertTrue(Files.exists(drop.resolve("people.csv")));
        assertEquals(1L, files.counts().get("failures"));
        assertTrue(files.health().detail().contains("the server refused the login of dept"), files.health().detail());
        assertTrue(files.health().detail().endsWith("check sftp-password"), files.health().detail());
        files.stop();
    }

    @Test
    void aFileDroppedAgainUnderTheSameNameKeepsTheEarlierOneOnTheServer() throws Exception {
        FileFolder files = withPassword();
        FileConnectorTest.settled(Files.writeString(drop.resolve("people.csv"), "a\n1\n"));
        files.poll();
        FileConnectorTest.settled(Files.writeString(drop.resolve("people.csv"), "a\n1\n2\n"));
        files.poll();

        assertEquals(3L, sink.records, files.health().detail());
        assertTrue(Files.readString(drop.resolve("done/people.csv.reason.txt")).startsWith("2 rows read"));
        assertEquals(4, names(drop.resolve("done")).size(), "today's file and yesterday's, each with its reason: " + names(drop.resolve("done")));
        files.stop();
    }

    @Test
    void afterTheServerRestartsTheNextPollConnectsAgain() throws Exception {
        FileFolder files = withPassword();
        FileConnectorTest.settled(Files.writeString(drop.resolve("one.csv"), "a\n1\n"));
        files.poll();
        sshd.stop(true);
        files.poll();
        assertEquals(Health.Status.DOWN, files.health().status(), "the kept session broke with the server");

        sshd = start(port);
        FileConnectorTest.settled(Files.writeString(drop.resolve("two.csv"), "a\n2\n"));
        files.poll();
        assertEquals(Health.Status.UP, files.health().status(), files.health().detail());
        assertTrue(Files.exists(drop.resolve("done/one.csv")));
        assertTrue(Files.exists(drop.resolve("done/two.csv")));
        assertEquals(2L, sink.records);
        files.stop();
    }

    static List<String> names(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> list = Files.list(folder)) {
            return list.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
