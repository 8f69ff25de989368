package org.pdxhub.hub.node;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pdxhub.hub.testing.NodeProcess;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The packaged node, started and stopped as an operator does. */
class NodeProcessIT {

    private static final Duration START = Duration.ofSeconds(60);

    @Test
    void twoNodesWithTheirOwnConfigurationsRunSideBySideAndStopCleanlyOnSigterm(@TempDir Path tmp) throws Exception {
        try (NodeProcess prefecture = NodeProcess.start("demo", tmp.resolve("prefecture"), Map.of());
             NodeProcess county = NodeProcess.start("demo-county", tmp.resolve("county"), Map.of())) {
            assertTrue(prefecture.awaitHealthy(START), () -> "prefecture node healthy\n" + tail(prefecture));
            assertTrue(county.awaitHealthy(START), () -> "county node healthy\n" + tail(county));

            assertTrue(prefecture.get("/api/v1/node", "demo-admin").contains("\"id\":\"ganzi-prefecture\""));
            assertTrue(county.get("/api/v1/node", "demo-admin").contains("\"id\":\"kangding-county\""));
            assertTrue(Files.isDirectory(tmp.resolve("prefecture/broker/journal")), "journal under the data folder");
            try (var journal = Files.list(tmp.resolve("prefecture/broker/journal"))) {
                assertEquals(Set.of(2L << 20), journal.filter(f -> f.toString().endsWith(".amq")).map(NodeProcessIT::size)
                        .collect(Collectors.toSet()), "journal files of the default pdx.broker.journal-file-size, 2M");
            }

            long pid = prefecture.pid();
            assertCleanStop(prefecture);
            assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "no process left behind");
            assertTrue(county.awaitHealthy(Duration.ofSeconds(5)), "the other node is unaffected");
            assertCleanStop(county);
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * SIGTERM ends the JVM with 143 (128 + 15) after Quarkus has shut everything down, with nothing
     * warned of on the way: H2's own exit hook once closed the store under the stopping node, and
     * the pool warned of connections closed mid-validation on every stop. Only the county's link to
     * its parent may warn, since that parent is not running here: its consumer's lines are the ones
     * left out.
     */
    private static void assertCleanStop(NodeProcess node) throws Exception {
        int before = node.output().length();
        int exit = node.terminate(Duration.ofSeconds(30));
        assertTrue(exit == 0 || exit == 143, () -> "exit code " + exit + "\n" + tail(node));
        String stop = node.output().substring(before);
        assertTrue(stop.contains("stopped in"), () -> "Quarkus reports a complete shutdown\n" + tail(node));
        List<String> warned = stop.lines().filter(l -> l.contains(" WARN ") || l.contains(" ERROR "))
                .filter(l -> !l.contains("JmsConsumer[pdx.link.out."))
                .toList();
        assertTrue(warned.isEmpty(), () -> "nothing is warned of while the node stops:\n" + String.join("\n", warned));
    }

    @Test
    void aMalformedOrganisationCodeStopsStartUpNamingTheKey(@TempDir Path tmp) throws Exception {
        assertRefused(tmp, Map.of("pdx.node.organisation", "11513300MB0000001A"), "pdx.node.organisation");
    }

    @Test
    void anUnknownKeyOfOursStopsStartUpNamingIt(@TempDir Path tmp) throws Exception {
        assertRefused(tmp, Map.of("pdx.nod.id", "typo"), "pdx.nod.id");
    }

    @Test
    void aDataFolderThatCannotBeWrittenStopsStartUp(@TempDir Path tmp) throws Exception {
        Path aFile = Files.writeString(tmp.resolve("not-a-folder"), "x");
        assertRefused(tmp, Map.of("pdx.data-dir", aFile.resolve("data").toString()), "pdx.data-dir");
    }

    @Test
    void aBrokerPortAlreadyTakenStopsStartUpNamingTheKey(@TempDir Path tmp) throws Exception {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            assertRefused(tmp, Map.of("pdx.broker.amqp-port", String.valueOf(taken.getLocalPort())), "pdx.broker.amqp-port");
        }
    }

    @Test
    void aJournalFileTooSmallForARecordStopsStartUpNamingTheKey(@TempDir Path tmp) throws Exception {
        assertRefused(tmp, Map.of("pdx.broker.journal-file-size", "512K"), "pdx.broker.journal-file-size");
    }

    @Test
    void clearKeysInASeedAreRefusedOutsideTheDemoConfiguration(@TempDir Path tmp) throws Exception {
        assertRefused(tmp, Map.of("pdx.demo", "false", "pdx.usage-log.key", ownUsageLogKey()), "must be given as keySha256");
    }

    @Test
    void aStoreHoldingDemoKeysIsRefusedOutsideTheDemoConfiguration(@TempDir Path tmp) throws Exception {
        try (NodeProcess demo = NodeProcess.start("demo", tmp.resolve("data"), Map.of())) {
            assertTrue(demo.awaitHealthy(START), () -> tail(demo));
            demo.terminate(Duration.ofSeconds(30));
        }
        Path noSeed = Files.createDirectories(tmp.resolve("real-config"));
        assertRefused(tmp, Map.of("pdx.demo", "false", "pdx.config-dir", noSeed.toString(), "pdx.usage-log.key", ownUsageLogKey()), "pdx.demo");
    }

    @Test
    void aNodeRouteThatWouldBypassTheGateStopsStartUpNamingTheRoute(@TempDir Path tmp) throws Exception {
        Path config = Files.createDirectories(tmp.resolve("config"));
        try (var files = Files.list(NodeProcess.repo().resolve("config/demo"))) {
            for (Path f : files.toList()) {
                Files.copy(f, config.resolve(f.getFileName()));
            }
        }
        Files.createDirectories(config.resolve("routes"));
        Files.writeString(config.resolve("routes/shortcut.yaml"), """
                - route:
                    id: copy-population-out
                    from:
                      uri: "jms:queue:pdx.in.GZ-PSB-POP-001"
                      steps:
                        - to: "log:copy-population"
                """);
        Map<String, String> overrides = Map.of("pdx.calendar.file", NodeProcess.repo().resolve("config/calendar/cn-official-holidays.csv").toString());
        try (NodeProcess node = NodeProcess.start(config, tmp.resolve("data"), overrides)) {
            int exit = node.awaitExit(START);
            String out = node.output();
            assertNotEquals(-1, exit, () -> "the node should stop by itself\n" + out);
            assertTrue(out.contains("route 'copy-population-out' refused"), () -> out);
        }
    }

    private static void assertRefused(Path tmp, Map<String, String> overrides, String key) throws Exception {
        try (NodeProcess node = NodeProcess.start("demo", tmp.resolve("data"), overrides)) {
            int exit = node.awaitExit(START);
            String out = node.output();
            assertNotEquals(-1, exit, () -> "the node should stop by itself\n" + out);
            assertNotEquals(0, exit);
            assertTrue(out.contains(key), () -> "the refusal names " + key + "\n" + out);
            // The reason stands alone: no scheduled job ran on the half-started node and blamed
            // something else (the holiday file), nothing else logs an error about the store or
            // broker closed under it.
            List<String> otherErrors = out.lines().filter(l -> l.contains(" ERROR "))
                    .filter(l -> !l.contains(key) && !l.contains("Failed to start application: "))
                    .toList();
            assertTrue(otherErrors.isEmpty(), () -> "only the refusal is logged as an error:\n" + String.join("\n", otherErrors));
        }
    }

    /**
     * The store edited while the node was stopped, in an entry its last checkpoint already covers:
     * the start's verify walks from that checkpoint and cannot see it. Before, only a
     * {@code verify?from=1} or the whole walk a day later found it; now the node's first whole walk,
     * a {@code full-verify-after-start} after the start, turns the check DOWN without anyone asking.
     */
    @Test
    void anEntryEditedWhileTheNodeWasStoppedIsFoundSoonAfterTheNextStartWithoutAnyoneAsking(@TempDir Path tmp) throws Exception {
        Path data = tmp.resolve("data");
        NodeProcess.Ports ports = NodeProcess.Ports.free();
        try (NodeProcess node = NodeProcess.start(NodeProcess.repo().resolve("config/demo"), data, ports, Map.of())) {
            assertTrue(node.awaitHealthy(START), () -> "node healthy\n" + tail(node));
            HttpRequest send = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.httpPort + "/api/v1/exchange/GZ-PSB-POP-001/records"))
                    .header("Authorization", "Bearer demo-system").header("Content-Type", "application/json")
                    .header("Pdx-Person", "x").header("Pdx-Purpose", "y").header("Pdx-Message-Id", "edited-later")
                    .timeout(Duration.ofSeconds(30))
                    .POST(HttpRequest.BodyPublishers.ofString("[{\"citizen_id\":\"513322198001010010\",\"person_name\":\"x\"}]")).build();
            assertEquals(202, HttpClient.newHttpClient().send(send, HttpResponse.BodyHandlers.ofString()).statusCode());
            // A whole walk leaves a checkpoint past the entry: the next start verifies after it.
            assertTrue(node.get("/api/v1/usage-log/verify?from=1", "demo-reviewer").contains("\"intact\":true"));
            int exit = node.terminate(Duration.ofSeconds(30));
            assertTrue(exit == 0 || exit == 143, () -> "exit " + exit + "\n" + tail(node));
        }
        long edited;
        try (var db = DriverManager.getConnection("jdbc:h2:file:" + data.toAbsolutePath().resolve("store/hub")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE", "pdx", "pdx");
             var rs = db.createStatement().executeQuery("select seq from usage_log where message_id = 'edited-later'")) {
            assertTrue(rs.next(), "the entry was written");
            edited = rs.getLong(1);
            assertEquals(1, db.createStatement().executeUpdate("update usage_log set purpose = 'not what was said' where seq = " + edited));
        }
        try (NodeProcess node = NodeProcess.start(NodeProcess.repo().resolve("config/demo"), data, ports,
                Map.of("pdx.usage-log.full-verify-after-start", "2s"))) {
            // Ready, not healthy: the usage-log check is a wellness check, DOWN once the edit is found.
            HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.httpPort + "/q/health/ready"))
                    .timeout(Duration.ofSeconds(5)).build();
            long deadline = System.nanoTime() + START.toNanos();
            while (!isOk(ready) && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            String health = node.get("/q/health", null);
            while (!health.contains("\"brokenAtSeq\": \"" + edited + "\"") && System.nanoTime() < deadline) {
                Thread.sleep(500);
                health = node.get("/q/health", null);
            }
            String last = health;
            assertTrue(last.contains("\"brokenAtSeq\": \"" + edited + "\""), () -> "the edit is found without a verify being asked for\n" + last
                    + "\n" + tail(node));
            assertTrue(node.output().contains("was changed after it was written"), () -> tail(node));
        }
    }

    private static boolean isOk(HttpRequest request) throws InterruptedException {
        try {
            return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException notListening) {
            return false;
        }
    }

    private static String tail(NodeProcess node) {
        try {
            String out = node.output();
            return out.substring(Math.max(0, out.length() - 4000));
        } catch (IOException e) {
            return e.toString();
        }
    }

    /** A node outside the demo brings its own usage-log key (the demo's is refused first otherwise). */
    private static String ownUsageLogKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return "base64:" + Base64.getEncoder().encodeToString(key);
    }
}
