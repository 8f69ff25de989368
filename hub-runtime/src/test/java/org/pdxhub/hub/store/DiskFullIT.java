package org.pdxhub.hub.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pdxhub.hub.testing.NodeProcess;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The packaged node with its store on a real small filesystem (a 24 MB tmpfs mounted under the
 * data folder) that is filled to the last byte, as a full disk does; and the broker's disk filled
 * or taken away. Needs root for the mounts; CI runs as root.
 */
class DiskFullIT {

    // The demo's generated months of supervision figures would take much of the small store this test fills on purpose.
    private static final Map<String, String> NO_DEMO_ACTIVITY = Map.of("pdx.supervision.demo-activity.enabled", "false");


    private static final Duration START = Duration.ofSeconds(90);
    private static final Duration FAST = Duration.ofSeconds(5);
    private static final String RECORDS = "/api/v1/exchange/GZ-PSB-POP-001/records";
    /** Ports of this test's own range, apart from the fixed ports of the other test classes. */
    private static final NodeProcess.Ports PORTS = new NodeProcess.Ports(9361, 9362, 9363, 9364);

    record Answer(String messageId, int records, int status, String body, Duration took, String retryAfter) {
    }

    /**
     * The broker's own disk gone from under it (its folder removed, as a mistaken clean-up does):
     * Artemis finds it at its next disk check and stops itself. Every send after that waited for a
     * connection to the stopped broker, over a minute in a run by hand (its consumers retry theirs
     * on the same factory, one at a time), each holding one of the node's worker threads.
     */
    @Test
    void aStoppedBrokerIsAnswered503FastAndNothingIsLoggedForWhatItCouldNotTake(@TempDir Path tmp) throws Exception {
        Path data = tmp.resolve("data");
        try (NodeProcess node = NodeProcess.start(NodeProcess.repo().resolve("config/demo"), data, NodeProcess.Ports.free(), NO_DEMO_ACTIVITY)) {
            assertTrue(node.awaitHealthy(START), () -> "node healthy\n" + tail(node));
            Answer before = send(node, "before-stop", 0, 1);
            assertEquals(202, before.status(), before.body());
            NodeProcess.deleteTree(data.resolve("broker"));
            assertTrue(awaitNotReady(node, Duration.ofSeconds(60)), () -> "the broker stopped itself\n" + tail(node));

            List<Answer> whileDown = sendEach(node, "while-stopped-", 100, 5);
            assertAllRefusedFast(node, whileDown, "broker.unavailable");
            System.out.printf("DiskFullIT: broker stopped; slowest 503 %s%n",
                    whileDown.stream().map(Answer::took).max(Duration::compareTo).orElse(Duration.ZERO));
            long entries = entries(node);
            // A document is a passage too: refused before it is read, and not logged as delivered.
            Answer document = sendDocument(node, NodeProcess.repo().resolve("config/demo/documents/certificate.pdf"));
            assertAllRefusedFast(node, List.of(document), "broker.unavailable");
            String log = get(node, "/api/v1/usage-log?limit=1000");
            assertTrue(log.contains("before-stop"), log);
            assertFalse(log.contains("while-stopped"), "nothing is logged for a message the broker did not take: " + log);
            assertEquals(entries, entries(node), "nothing is logged for a document the broker could not take: " + log);
        }
    }

    /**
     * The broker's disk past its limit (Artemis's max-disk-usage, 90%): the broker blocks every
     * producer until there is room again. A sender is told so at once instead of waiting, and is
     * taken again, without a restart, once the disk is freed.
     */
    @Test
    void aFullBrokerDiskIsAnswered503FastAndSendsAreTakenAgainOnceItIsFreed(@TempDir Path tmp) throws Exception {
        Path data = tmp.resolve("data");
        Path broker = smallDisk(data.resolve("broker"), "48m");
        try (NodeProcess node = NodeProcess.start(NodeProcess.repo().resolve("config/demo"), data, NodeProcess.Ports.free(), NO_DEMO_ACTIVITY)) {
            assertTrue(node.awaitHealthy(START), () -> "node healthy\n" + tail(node));
            Answer before = send(node, "before-full", 0, 1);
            assertEquals(202, before.status(), before.body());
            leaveRoom(broker.resolve("filler"), 1024 * 1024);
            // Artemis looks at its disk every 5 s (disk-scan-period).
            Answer refused = sendUntil(node, 503, "broker-full-", 100, Duration.ofSeconds(30));
            assertAllRefusedFast(node, List.of(refused), "broker.disk-full");
            HttpResponse<String> ready = call(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.httpPort + "/q/health/ready"))
                    .timeout(FAST).build());
            assertEquals(503, ready.statusCode(), "not ready for senders while the broker's disk is full: " + ready.body());
            assertTrue(ready.body().replace(" ", "").contains("\"diskFull\":true"), ready.body());

            Files.delete(broker.resolve("filler"));
            long freed = System.nanoTime();
            Answer recovered = sendUntil(node, 202, "after-full-", 300, Duration.ofSeconds(60));
            assertEquals(202, recovered.status(), () -> recovered + "\n" + tail(node));
            System.out.printf("DiskFullIT: broker disk full answered 503 in %s; taken again %s after it was freed%n",
                    refused.took(), Duration.ofNanos(System.nanoTime() - freed));
        } finally {
            run("umount", "-l", broker.toString());
        }
    }

    /** A tmpfs of {@code size} mounted on {@code folder}; the test is skipped where it cannot be (not root). */
    private static Path smallDisk(Path folder, String size) throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "skipped: mounting a small tmpfs needs root (CI runs as root)");
        Files.createDirectories(folder);
        assumeTrue(run("mount", "-t", "tmpfs", "-o", "size=" + size, "tmpfs", folder.toString()) == 0,
                "skipped: could not mount a tmpfs on " + folder);
        return folder;
    }

    /** The usage log's number of entries, as the verify from the checkpoint counts them. */
    private static long entries(NodeProcess node) throws Exception {
        String verify = get(node, "/api/v1/usage-log/verify");
        Matcher m = Pattern.compile("\"entries\":(\\d+)").matcher(verify);
        assertTrue(m.find(), verify);
        return Long.parseLong(m.group(1));
    }

    private static Answer sendDocument(NodeProcess node, Path file) throws Exception {
        String boundary = "pdx-" + System.nanoTime();
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + file.getFileName()
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.httpPort + "/api/v1/exchange/GZ-PSB-POP-001/documents"))
                .header("Authorization", "Bearer demo-system").header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .header("Pdx-Person", "x").header("Pdx-Purpose", "y").timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.concat(HttpRequest.BodyPublishers.ofByteArray(head),
                        HttpRequest.BodyPublishers.ofFile(file), HttpRequest.BodyPublishers.ofByteArray(tail))).build();
        long start = System.nanoTime();
        HttpResponse<String> response = call(request);
        return new Answer(file.getFileName().toString(), 0, response.statusCode(), response.body(), Duration.ofNanos(System.nanoTime() - start),
                response.headers().firstValue("Retry-After").orElse(null));
    }

    /** {@code count} messages of one record each, one after another. */
    private static List<Answer> sendEach(NodeProcess node, String idPrefix, int first, int count) throws Exception {
        List<Answer> answers = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            answers.add(send(node, idPrefix + i, first + i, 1));
        }
        return answers;
    }

    /** Each answered at once: 503, the problem named, and when to try again. */
    private static void assertAllRefusedFast(NodeProcess node, List<Answer> answers, String problem) {
        for (Answer a : answers) {
            assertEquals(503, a.status(), () -> a + "\n" + tail(node));
            assertTrue(a.body().contains("urn:pdx:problem:" + problem), a.body());
            assertEquals("30", a.retryAfter(), a.toString());
            assertTrue(a.took().compareTo(FAST) < 0, () -> "answered fast: " + a);
        }
    }

    /** Sends one record a second, each under a new id, until one is answered {@code status} or {@code within} has passed: the last answer. */
    private static Answer sendUntil(NodeProcess node, int status, String idPrefix, int first, Duration within) throws Exception {
        long since = System.nanoTime();
        Answer answer = send(node, idPrefix + 0, first, 1);
        for (int i = 1; answer.status() != status && System.nanoTime() - since < within.toNanos(); i++) {
            Thread.sleep(1000);
            answer = send(node, idPrefix + i, first + i, 1);
        }
        return answer;
    }

    private static boolean awaitNotReady(NodeProcess node, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.httpPort + "/q/health/ready")).timeout(FAST).build();
            if (call(request).statusCode() == 503) {
                return true;
            }
            Thread.sleep(500);
        }
        return false;
    }

    @Test
    void aFullDiskIsAnswered503FastNothingAcceptedIsLostAndTheNodeStopsOnSigterm(@TempDir Path tmp) throws Exception {
        Path data = tmp.resolve("data");
        Path store = smallDisk(data.resolve("store"), "24m");
        List<Answer> accepted = new ArrayList<>();
        try {
            try (NodeProcess node = NodeProcess.start(NodeProcess.repo().resolve("config/demo"), data, PORTS, NO_DEMO_ACTIVITY)) {
                assertTrue(node.awaitHealthy(START), () -> "node healthy\n" + tail(node));
                for (int i = 0; i < 5; i++) {
                    Answer a = send(node, "before-" + i, i, 1);
                    assertEquals(202, a.status(), a.body());
                    accepted.add(a);
                }
                // Room for the usage log's entry of one more batch but not for landing its 2000 records:
                // accepted (202), then landing finds the disk full.
                leaveRoom(store.resolve("filler"), 256 * 1024);
                Answer big = send(node, "big-0", 1000, 2000);
                assertTrue(big.status() == 202 || big.status() == 503, () -> big + "\n" + tail(node));
                if (big.status() == 202) {
                    accepted.add(big);
                }
                fill(store.resolve("filler-2"));
                List<Answer> whileFull = sendEach(node, "full-", 200, 10);
                assertAllRefusedFast(node, whileFull, "store-unavailable");
                System.out.printf("DiskFullIT: big batch %d in %s; full: slowest 503 %s%n", big.status(), big.took(),
                        whileFull.stream().map(Answer::took).max(Duration::compareTo).orElse(Duration.ZERO));

                // Freed: the node takes sends again and lands what it accepted, without a restart.
                Files.delete(store.resolve("filler"));
                Files.delete(store.resolve("filler-2"));
                long freed = System.nanoTime();
                Answer recovered = sendUntil(node, 202, "after-", 300, Duration.ofSeconds(60));
                assertEquals(202, recovered.status(), () -> recovered + "\n" + tail(node));
                accepted.add(recovered);
                System.out.printf("DiskFullIT: sends accepted again %s after the disk was freed%n", Duration.ofNanos(System.nanoTime() - freed));
                // Several consumers land side by side: a later send may land while the big batch still waits
                // out its back-off, so wait for as many landings as sends accepted, not for a quiet spell.
                awaitLandings(node, accepted.size());
                System.out.printf("DiskFullIT: every accepted batch landed %s after the disk was freed%n", Duration.ofNanos(System.nanoTime() - freed));
                // API keys are read from the store, so the list is asked for once the store is back.
                String letters = get(node, "/api/v1/dead-letters");
                for (Answer a : accepted) {
                    assertFalse(letters.contains(a.messageId()), "accepted " + a.messageId() + " was dead-lettered: " + letters);
                }
                assertStopsWithin10s(node, "after the disk was freed");
            }
            assertLandedOnce(data, accepted);

            // Stopped while landing waits for a full disk: the node ends in time and the broker keeps the batch.
            try (NodeProcess node = NodeProcess.start(NodeProcess.repo().resolve("config/demo"), data, PORTS, NO_DEMO_ACTIVITY)) {
                assertTrue(node.awaitHealthy(START), () -> "node healthy again\n" + tail(node));
                leaveRoom(store.resolve("filler"), 256 * 1024);
                Answer big = send(node, "big-1", 3000, 2000);
                if (big.status() == 202) {
                    accepted.add(big);
                }
                fill(store.resolve("filler-2"));
                Answer full = send(node, "full-again", 400, 1);
                // The store may still fit one small usage-log entry in pages a rolled-back landing freed: then it
                // is accepted, and must land once like any other; otherwise it is refused at once.
                assertTrue(full.status() == 503 || full.status() == 202, () -> full + "\n" + tail(node));
                if (full.status() == 202) {
                    accepted.add(full);
                }
                assertStopsWithin10s(node, "while the disk was full (second batch " + big.status() + ")");
            }
            Files.delete(store.resolve("filler"));
            Files.delete(store.resolve("filler-2"));
            // The head signed at the stop on a full disk names no entry the store did not keep.
            long signed = signedHeadSeq(data);
            long held = storedHeadSeq(data);
            System.out.printf("DiskFullIT: after the stop on a full disk the signed head is entry %d, the store holds up to entry %d%n", signed, held);
            assertTrue(signed <= held, () -> "signed head " + signed + " is past the store's head " + held);
            try (NodeProcess node = NodeProcess.start(NodeProcess.repo().resolve("config/demo"), data, PORTS, NO_DEMO_ACTIVITY)) {
                assertTrue(node.awaitHealthy(START), () -> "node healthy after the restart\n" + tail(node));
                awaitLandingQuiet(node);
                assertStopsWithin10s(node, "after the restart");
            }
            assertLandedOnce(data, accepted);
        } finally {
            run("umount", "-l", store.toString());
        }
    }

    private static void assertStopsWithin10s(NodeProcess node, String when) throws Exception {
        long sigterm = System.nanoTime();
        int exit = node.terminate(Duration.ofSeconds(30));
        Duration stopping = Duration.ofNanos(System.nanoTime() - sigterm);
        System.out.printf("DiskFullIT: SIGTERM to exit %s, %s%n", stopping, when);
        assertTrue(exit == 0 || exit == 143, () -> "exit " + exit + "\n" + tail(node));
        assertTrue(stopping.compareTo(Duration.ofSeconds(10)) <= 0, () -> "stopped in " + stopping + " " + when + "\n" + tail(node));
    }

    private static void assertLandedOnce(Path data, List<Answer> accepted) throws Exception {
        try (Connection db = h2(data)) {
            for (Answer a : accepted) {
                try (var ps = db.prepareStatement("select count(*) from landed_message where message_id = ?")) {
                    ps.setString(1, a.messageId());
                    try (var rs = ps.executeQuery()) {
                        rs.next();
                        assertEquals(1, rs.getInt(1), "accepted " + a.messageId() + " landed once");
                    }
                }
                try (var ps = db.prepareStatement("select count(*) from dataset_record where message_id = ?")) {
                    ps.setString(1, a.messageId());
                    try (var rs = ps.executeQuery()) {
                        rs.next();
                        assertEquals(a.records(), rs.getInt(1), "the records of " + a.messageId() + " are held");
                    }
                }
            }
        }
    }

    /**
     * Until landing has taken at least one message and then none for three seconds: the
     * backlog is landed. H2 holds its file while the node runs, so what landed is read after it stops.
     */
    private static void awaitLandingQuiet(NodeProcess node) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        double last = -1;
        long quietSince = System.nanoTime();
        while (System.nanoTime() < deadline) {
            double now = landings(node);
            if (now != last) {
                last = now;
                quietSince = System.nanoTime();
            } else if (now >= 1 && System.nanoTime() - quietSince > Duration.ofSeconds(3).toNanos()) {
                return;
            }
            Thread.sleep(250);
        }
    }

    /**
     * One client for the whole test, and every call bounded from outside: a client made per call
     * and dropped while its request was in flight once left this test waiting for ever in CI,
     * whatever the request's own timeout said.
     */
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(FAST).build();

    private static HttpResponse<String> call(HttpRequest request) throws Exception {
        return HTTP.sendAsync(request, HttpResponse.BodyHandlers.ofString()).get(30, TimeUnit.SECONDS);
    }

    private static void awaitLandings(NodeProcess node, int expected) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (landed(node) < expected && System.nanoTime() < deadline) {
            Thread.sleep(250);
        }
    }

    private static double landed(NodeProcess node) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.httpPort + "/q/metrics")).timeout(FAST).build();
        return call(request).body().lines().filter(l -> l.startsWith("pdx_landing_messages_total{") && l.contains("outcome=\"landed\""))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    private static double landings(NodeProcess node) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.httpPort + "/q/metrics")).timeout(FAST).build();
        String metrics = call(request).body();
        return metrics.lines().filter(l -> l.startsWith("pdx_landing_messages_total{"))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    private static long signedHeadSeq(Path data) throws IOException {
        Properties head = new Properties();
        try (var in = Files.newBufferedReader(data.resolve("usage-log/signed-head.properties"))) {
            head.load(in);
        }
        return Long.parseLong(head.getProperty("seq"));
    }

    private static long storedHeadSeq(Path data) throws Exception {
        try (Connection db = h2(data); var rs = db.createStatement().executeQuery("select max(seq) from usage_log")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static Connection h2(Path data) throws Exception {
        return DriverManager.getConnection("jdbc:h2:file:" + data.toAbsolutePath().resolve("store/hub")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE", "pdx", "pdx");
    }

    /** Fills the filesystem, then gives {@code bytes} back. */
    private static void leaveRoom(Path filler, long bytes) throws IOException {
        fill(filler);
        try (FileChannel channel = FileChannel.open(filler, StandardOpenOption.WRITE)) {
            channel.truncate(Math.max(0, channel.size() - bytes));
        }
    }

    private static void fill(Path filler) {
        byte[] block = new byte[64 * 1024];
        try (OutputStream out = Files.newOutputStream(filler)) {
            while (true) {
                out.write(block);
            }
        } catch (IOException full) {
            // no space left on the device: that is the point
        }
    }

    private static Answer send(NodeProcess node, String messageId, int first, int records) throws Exception {
        StringBuilder body = new StringBuilder("[");
        for (int n = first; n < first + records; n++) {
            body.append(n == first ? "" : ",").append("{\"citizen_id\":\"").append(citizenId(n)).append("\",\"person_name\":\"测试")
                    .append(n).append("\",\"address\":\"四川省甘孜藏族自治州康定市炉城镇光明路").append(n).append("号\"}");
        }
        body.append(']');
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.httpPort + RECORDS))
                .header("Authorization", "Bearer demo-system").header("Content-Type", "application/json")
                .header("Pdx-Person", "%E5%85%AC%E5%AE%89%E5%B1%80").header("Pdx-Purpose", "%E6%B1%87%E8%81%9A")
                .header("Pdx-Message-Id", messageId)
                .timeout(Duration.ofSeconds(60)).POST(HttpRequest.BodyPublishers.ofString(body.toString())).build();
        long start = System.nanoTime();
        HttpResponse<String> response = call(request);
        return new Answer(messageId, records, response.statusCode(), response.body(), Duration.ofNanos(System.nanoTime() - start),
                response.headers().firstValue("Retry-After").orElse(null));
    }

    private static String get(NodeProcess node, String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.httpPort + path))
                .header("Authorization", "Bearer demo-admin").timeout(FAST).build();
        HttpResponse<String> response = call(request);
        assertEquals(200, response.statusCode(), response.body());
        return response.body();
    }

    /** A citizen ID of Kangding (513301), born in 1990, with a valid check digit; a different one for each n. */
    private static String citizenId(int n) {
        String base = "513301" + java.time.LocalDate.of(1990, 1, 1).plusDays(n % 365).format(java.time.format.DateTimeFormatter.BASIC_ISO_DATE)
                + String.format("%03d", n / 365);
        int[] weights = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (base.charAt(i) - '0') * weights[i];
        }
        return base + "10X98765432".charAt(sum % 11);
    }

    private static int run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        return p.waitFor(30, TimeUnit.SECONDS) ? p.exitValue() : -1;
    }

    private static String tail(NodeProcess node) {
        try {
            String out = node.output();
            return out.length() > 6000 ? out.substring(out.length() - 6000) : out;
        } catch (IOException e) {
            return "(no output: " + e.getMessage() + ")";
        }
    }
}
