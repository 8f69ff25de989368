package org.pdxhub.hub.startup;

import org.apache.qpid.protonj2.client.Client;
import org.apache.qpid.protonj2.client.Connection;
import org.apache.qpid.protonj2.client.ConnectionOptions;
import org.apache.qpid.protonj2.client.Message;
import org.apache.qpid.protonj2.client.Sender;
import org.apache.qpid.protonj2.client.Tracker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pdxhub.hub.testing.NodeProcess;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Ready means working: the moment {@code /q/health/ready} first answers 200, a department
 * system's AMQP login and send, and a REST send, are taken, and both land. Once on a fresh data
 * folder and once more on the same folder, the start the node makes every day; the store, the
 * cluster member and the broker start side by side, so each must really be up by then.
 */
class StartToReadyIT {

    private static final Duration START = Duration.ofSeconds(120);
    private static final String POPULATION = "GZ-PSB-POP-001";
    private static final String PSB = "11513300MB0000002H";
    private static final Map<String, String> NO_DEMO_ACTIVITY = Map.of("pdx.supervision.demo-activity.enabled", "false");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void whatIsSentTheMomentTheNodeIsReadyIsTakenAndLands(@TempDir Path tmp) throws Exception {
        Path data = tmp.resolve("data");
        List<String> sent = List.of("fresh-amqp", "fresh-rest", "again-amqp", "again-rest");
        NodeProcess.Ports ports = NodeProcess.Ports.free();
        for (String start : List.of("fresh", "again")) {
            try (NodeProcess node = NodeProcess.start(NodeProcess.repo().resolve("config/demo"), data, ports, NO_DEMO_ACTIVITY)) {
                awaitReady(node);
                sendOverAmqp(node, start + "-amqp", start.equals("fresh") ? 1 : 3);
                int status = sendOverRest(node, start + "-rest", start.equals("fresh") ? 2 : 4);
                assertEquals(202, status, () -> "REST send right after ready\n" + tail(node));
                awaitLanded(node, 2);
                if (start.equals("fresh")) {
                    theOpenApiDocumentIsPreparedAfterTheStart(node);
                }
                int exit = node.terminate(Duration.ofSeconds(30));
                assertTrue(exit == 0 || exit == 143, () -> "exit " + exit + "\n" + tail(node));
            }
        }
        try (var db = DriverManager.getConnection("jdbc:h2:file:" + data.toAbsolutePath().resolve("store/hub")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE", "pdx", "pdx")) {
            for (String messageId : sent) {
                try (var ps = db.prepareStatement("select count(*) from landed_message where message_id = ?")) {
                    ps.setString(1, messageId);
                    try (var rs = ps.executeQuery()) {
                        rs.next();
                        assertEquals(1, rs.getInt(1), messageId + " landed once");
                    }
                }
            }
        }
    }

    /**
     * The packaged node prepares the OpenAPI document once it has started, not while it starts
     * (DeferredOpenApiDocumentService): none prepared before its start-up's last step, then the whole document,
     * with the node's own security schemes, in JSON and in YAML.
     */
    private static void theOpenApiDocumentIsPreparedAfterTheStart(NodeProcess node) throws Exception {
        String prepared = "OpenAPI document '<default>' prepared ";
        String output = node.output();
        // StartupSequence's summary is the start's last line before Quarkus opens the HTTP port.
        int started = output.indexOf("Start-up: ");
        assertTrue(started > 0 && !output.substring(0, started).contains(prepared),
                () -> "no document prepared while the node started\n" + tail(node));
        String base = "http://127.0.0.1:" + node.httpPort + "/q/openapi";
        HttpResponse<String> json = HTTP.send(HttpRequest.newBuilder(URI.create(base + "?format=json")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, json.statusCode());
        assertTrue(json.headers().firstValue("Content-Type").orElse("").startsWith("application/json"), json.headers().toString());
        assertTrue(json.body().contains("\"/api/v1/node\"") && json.body().contains("\"pdx-signature\""), () -> json.body().substring(0, Math.min(2000, json.body().length())));
        HttpResponse<String> yaml = HTTP.send(HttpRequest.newBuilder(URI.create(base)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, yaml.statusCode());
        assertTrue(yaml.body().startsWith("---") || yaml.body().startsWith("openapi:"), () -> yaml.body().substring(0, 200));
        assertTrue(yaml.body().contains("pdx-signature:"), "the YAML document holds the node's security schemes too");
        assertEquals(1, node.output().lines().filter(l -> l.contains(prepared)).count(), () -> "prepared once\n" + tail(node));
    }

    /** Asks as often as a load balancer would, so that the first 200 is caught as it comes. */
    private static void awaitReady(NodeProcess node) throws Exception {
        HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.httpPort + "/q/health/ready"))
                .timeout(Duration.ofSeconds(5)).build();
        long end = System.nanoTime() + START.toNanos();
        while (System.nanoTime() < end) {
            try {
                if (HTTP.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notListening) {
                // the HTTP port opens last
            }
            assertTrue(node.awaitExit(Duration.ofMillis(20)) == -1, () -> "the node stopped while starting\n" + tail(node));
        }
        throw new AssertionError("not ready within " + START + "\n" + tail(node));
    }

    private static void sendOverAmqp(NodeProcess node, String messageId, int serial) throws Exception {
        try (Client client = Client.create();
             Connection c = client.connect("127.0.0.1", node.amqpPort, new ConnectionOptions().user(PSB).password("demo-system"))) {
            c.openFuture().get(10, TimeUnit.SECONDS);
            Sender sender = c.openSender("pdx.in." + POPULATION);
            Message<String> m = Message.create("[{\"citizen_id\":\"" + citizenId(serial) + "\",\"person_name\":\"测试" + serial + "\"}]");
            m.property("PdxPerson", "公安局人口系统");
            m.property("PdxPurpose", "人口基础信息汇聚");
            m.property("PdxMessageId", messageId);
            Tracker tracker = sender.send(m).awaitSettlement(10, TimeUnit.SECONDS);
            assertTrue(tracker.remoteState().isAccepted(), () -> messageId + " settled as " + tracker.remoteState());
        }
    }

    private static int sendOverRest(NodeProcess node, String messageId, int serial) throws Exception {
        String body = "[{\"citizen_id\":\"" + citizenId(serial) + "\",\"person_name\":\"测试" + serial + "\"}]";
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.httpPort + "/api/v1/exchange/" + POPULATION + "/records"))
                .header("Authorization", "Bearer demo-system").header("Content-Type", "application/json")
                .header("Pdx-Person", "%E5%85%AC%E5%AE%89%E5%B1%80").header("Pdx-Purpose", "%E6%B1%87%E8%81%9A")
                .header("Pdx-Message-Id", messageId)
                .timeout(Duration.ofSeconds(60)).POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    /** Until landing has landed {@code wanted} messages in this run of the node (its metrics start at 0). */
    private static void awaitLanded(NodeProcess node, int wanted) throws Exception {
        HttpRequest metrics = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.httpPort + "/q/metrics")).timeout(Duration.ofSeconds(10)).build();
        long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        double landed = 0;
        while (System.nanoTime() < end) {
            landed = HTTP.send(metrics, HttpResponse.BodyHandlers.ofString()).body().lines()
                    .filter(l -> l.startsWith("pdx_landing_messages_total{") && l.contains("outcome=\"landed\""))
                    .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
            if (landed >= wanted) {
                return;
            }
            node.awaitExit(Duration.ofMillis(100));
        }
        double seen = landed;
        throw new AssertionError("landed " + seen + " of " + wanted + " within 60 s\n" + tail(node));
    }

    /** A citizen ID of Kangding (513301) with a valid check character (GB 11643). */
    private static String citizenId(int serial) {
        String body = "513301" + (1990 + serial % 20) + "0101" + String.format("%03d", serial % 1000);
        int[] weights = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (body.charAt(i) - '0') * weights[i];
        }
        return body + "10X98765432".charAt(sum % 11);
    }

    private static String tail(NodeProcess node) {
        try {
            String out = node.output();
            return out.substring(Math.max(0, out.length() - 4000));
        } catch (IOException e) {
            return e.toString();
        }
    }
}
