package org.pdxhub.hub.messaging;

import org.apache.activemq.artemis.core.config.FileDeploymentManager;
import org.apache.activemq.artemis.core.config.impl.FileConfiguration;
import org.apache.activemq.artemis.core.config.impl.SecurityConfiguration;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.spi.core.security.ActiveMQJAASSecurityManager;
import org.apache.activemq.artemis.spi.core.security.jaas.InVMLoginModule;
import org.apache.qpid.protonj2.client.Client;
import org.apache.qpid.protonj2.client.Connection;
import org.apache.qpid.protonj2.client.Message;
import org.apache.qpid.protonj2.client.Sender;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pdxhub.broker.ValidatedSender;
import org.pdxhub.hub.testing.NodeProcess;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pdxhub.hub.messaging.DepartmentSystem.MARKET;
import static org.pdxhub.hub.messaging.DepartmentSystem.POPULATION;
import static org.pdxhub.hub.messaging.DepartmentSystem.PSB;
import static org.pdxhub.hub.messaging.DepartmentSystem.PSB_SYSTEM_KEY;
import static org.pdxhub.hub.messaging.DepartmentSystem.amqp;
import static org.pdxhub.hub.messaging.DepartmentSystem.citizenId;
import static org.pdxhub.hub.messaging.DepartmentSystem.record;
import static org.pdxhub.hub.messaging.DepartmentSystem.send;
import static org.pdxhub.hub.messaging.DepartmentSystem.sendAsPsb;

/**
 * The packaged node on an operator's own broker ({@code pdx.broker.embedded=false}), as production
 * runs it: an Artemis started here from {@code deploy/artemis/broker.xml}, with users for the node
 * and two departments; as the file is, or as an operator might change it (no plugin, security off).
 * Department systems send to that broker, not to the node.
 */
class ExternalBrokerIT {

    private static final Duration START = Duration.ofSeconds(120);
    private static final String NODE_USER = "ganzi-hub";
    private static final String NODE_PASSWORD = "node-secret-for-this-test";
    private static final String MARKET_PASSWORD = "market-secret-for-this-test";
    private static final String RECORDS = "/api/v1/exchange/" + POPULATION + "/records";

    /**
     * A broker that hands a client's own {@code PdxBrokerUser} through would let any department
     * send as the provider of any resource: the node does not start on it, and says what to install.
     */
    @Test
    void aBrokerThatPassesOnTheSendersOwnNameIsRefusedAtTheStartWithWhatToInstall(@TempDir Path tmp) throws Exception {
        try (OperatorsBroker broker = OperatorsBroker.start(tmp.resolve("broker"), NodeProcess.freePort(), false);
             NodeProcess node = NodeProcess.start("demo", tmp.resolve("data"), broker.nodeSettings())) {
            int exit = node.awaitExit(START);
            String out = node.output();
            assertNotEquals(-1, exit, () -> "the node must not keep running on a broker that does not stamp senders\n" + out);
            assertNotEquals(0, exit, out);
            assertTrue(out.contains("pdx.broker.url") && out.contains("pdx-broker-plugin.jar")
                    && out.contains(ValidatedSender.class.getName()), () -> "the refusal says what to install and where\n" + out);
            assertFalse(out.contains(NODE_PASSWORD), () -> "the broker's password is not logged\n" + out);
        }
    }

    /** Security off on the broker: a client logs in under any name, an organisation's among them, and is stamped with it. */
    @Test
    void aBrokerThatLetsAnyoneInUnderAnyNameIsRefusedAtTheStart(@TempDir Path tmp) throws Exception {
        try (OperatorsBroker broker = OperatorsBroker.startWithoutSecurity(tmp.resolve("broker"), NodeProcess.freePort());
             NodeProcess node = NodeProcess.start("demo", tmp.resolve("data"), broker.nodeSettings())) {
            int exit = node.awaitExit(START);
            String out = node.output();
            assertNotEquals(-1, exit, () -> "the node must not keep running on a broker that authenticates nobody\n" + out);
            assertTrue(out.contains("pdx.broker.url") && out.contains("turn security on"), () -> out);
        }
    }

    /** No broker at the URL: the node cannot check it, so it does not start, and says where it looked. */
    @Test
    void aBrokerThatCannotBeReachedRefusesTheStartWithTheUrlButNotItsPassword(@TempDir Path tmp) throws Exception {
        int nobody = NodeProcess.freePort();
        Map<String, String> settings = new HashMap<>(Map.of("pdx.broker.embedded", "false",
                "pdx.broker.url", "tcp://127.0.0.1:" + nobody + "?ha=true&reconnectAttempts=-1&user=" + NODE_USER + "&password=" + NODE_PASSWORD));
        try (NodeProcess node = NodeProcess.start("demo", tmp.resolve("data"), settings)) {
            int exit = node.awaitExit(START);
            String out = node.output();
            assertNotEquals(-1, exit, () -> "the node must not run on a broker it could not check\n" + out);
            assertTrue(out.contains("pdx.broker.url: the external broker at tcp://127.0.0.1:" + nobody) && out.contains("could not be reached"),
                    () -> out);
            assertFalse(out.contains(NODE_PASSWORD), () -> "the broker's password is not logged\n" + out);
        }
    }

    @Test
    void onABrokerThatStampsTheNodeTakesTheProvidersMessagesAndNotAnotherDepartmentsClaimAndAnswers503WhileItIsAwayAndStopsWithoutIt(@TempDir Path tmp)
            throws Exception {
        try (OperatorsBroker broker = OperatorsBroker.start(tmp.resolve("broker"), NodeProcess.freePort(), true);
             NodeProcess node = NodeProcess.start("demo", tmp.resolve("data"), broker.nodeSettings())) {
            assertTrue(node.awaitHealthy(START), () -> "node healthy on the external broker\n" + tail(node));

            // The provider, over AMQP to the operator's broker.
            sendAsPsb(broker.port, record(citizenId(301), "旺堆", "ext-psb-1"));
            // Another department names the provider as sender in the property the broker stamps.
            Message<String> claimed = record(citizenId(302), "德吉", "ext-claimed-1");
            claimed.property(BrokerSecurity.SENDER_HEADER, PSB);
            try (Client client = Client.create();
                 Connection connection = amqp(client, broker.port, MARKET, MARKET_PASSWORD);
                 Sender sender = connection.openSender("pdx.in." + POPULATION)) {
                send(sender, claimed);
            }
            // And the provider's system over REST, whose passage the node sends on through the broker.
            assertEquals(202, postRecords(node, "ext-rest-1", 303).statusCode());

            awaitEntry(node, "ext-psb-1", "\"DELIVERED\"", Duration.ofSeconds(30));
            awaitEntry(node, "ext-rest-1", "\"DELIVERED\"", Duration.ofSeconds(30));
            String claim = awaitEntry(node, "ext-claimed-1", "\"REFUSED\"", Duration.ofSeconds(30));
            assertTrue(claim.contains(MARKET), () -> "refused as the market regulator's, the login the broker saw: " + claim);
            assertFalse(entryOf(log(node), "ext-claimed-1").contains("\"DELIVERED\""), "the claim did not pass as the provider's");
            // Its dead letter is on the operator's broker, where the node's browser finds it with its reason.
            String letters = node.get("/api/v1/dead-letters", "demo-admin");
            assertTrue(letters.contains("ext-claimed-1") && letters.contains("aggregation.not-provider"), letters);

            // The operator's broker goes away: a REST send is refused at once, not held.
            broker.stop();
            long began = System.nanoTime();
            HttpResponse<String> away = postRecords(node, "ext-while-away", 304);
            Duration took = Duration.ofNanos(System.nanoTime() - began);
            assertEquals(503, away.statusCode(), away.body());
            assertTrue(away.body().contains("broker.unavailable"), away.body());
            assertTrue(took.compareTo(Duration.ofSeconds(10)) < 0, "answered in " + took);
            assertEquals(503, ready(node), "not ready while the broker is away");
            System.out.printf("ExternalBrokerIT: 503 while the broker was away in %d ms%n", took.toMillis());

            // Back: sends are taken again and the node's consumers land them.
            broker.restart();
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            int status = 0;
            while (status != 202 && System.nanoTime() < deadline) {
                status = postRecords(node, "ext-after", 305).statusCode();
                if (status != 202) {
                    Thread.sleep(500);
                }
            }
            assertEquals(202, status, () -> "taken again once the broker is back\n" + tail(node));
            awaitEntry(node, "ext-after", "\"DELIVERED\"", Duration.ofSeconds(60));
            sendAsPsb(broker.port, record(citizenId(306), "卓玛", "ext-psb-after"));
            awaitEntry(node, "ext-psb-after", "\"DELIVERED\"", Duration.ofSeconds(60));
            assertFalse(log(node).contains("ext-while-away"), "nothing was logged for what the broker could not take");
            assertFalse(node.output().contains(NODE_PASSWORD), "the broker's password is not logged");

            // Away again, and the node is told to stop: it stops before the service unit's 45 s are up
            // (it waited over two minutes on its consumers' reconnections, and was killed).
            broker.stop();
            began = System.nanoTime();
            int exit = node.terminate(Duration.ofSeconds(45));
            Duration stop = Duration.ofNanos(System.nanoTime() - began);
            assertNotEquals(-1, exit, () -> "stopped within 45 s with the broker away\n" + tail(node));
            assertTrue(node.output().contains("Stopping while the external broker is away"), () -> tail(node));
            System.out.printf("ExternalBrokerIT: stopped in %d ms with the broker away%n", stop.toMillis());
        }
    }

    /**
     * The operator's broker: Artemis started from {@code deploy/artemis/broker.xml}, the file the
     * production notes hand the operator, with its data folder and port filled in; without its
     * plugin, or with security off, as an operator might change it. Users are the operator's JAAS
     * users, here Artemis's in-VM login module: the node in role pdx-node, two departments.
     */
    private static final class OperatorsBroker implements AutoCloseable {

        final int port;
        private final Path config;
        private EmbeddedActiveMQ broker;

        private OperatorsBroker(Path config, int port) {
            this.config = config;
            this.port = port;
        }

        static OperatorsBroker start(Path dir, int port, boolean stamps) throws Exception {
            return start(dir, port, xml -> stamps ? xml : without(xml, "<broker-plugins>", "</broker-plugins>"));
        }

        static OperatorsBroker startWithoutSecurity(Path dir, int port) throws Exception {
            return start(dir, port, xml -> xml.replace("<security-enabled>true</security-enabled>", "<security-enabled>false</security-enabled>"));
        }

        private static OperatorsBroker start(Path dir, int port, UnaryOperator<String> operatorsChange) throws Exception {
            String xml = Files.readString(NodeProcess.repo().resolve("deploy/artemis/broker.xml"))
                    .replace("${pdx.artemis.data:data}", dir.toString())
                    .replace("${pdx.artemis.port:61616}", String.valueOf(port));
            Files.createDirectories(dir);
            Path config = Files.writeString(dir.resolve("broker.xml"), operatorsChange.apply(xml));
            OperatorsBroker b = new OperatorsBroker(config, port);
            b.restart();
            return b;
        }

        private static String without(String xml, String from, String to) {
            int start = xml.indexOf(from);
            int end = xml.indexOf(to) + to.length();
            assertTrue(start >= 0 && end > start, "the example names " + from);
            return xml.substring(0, start) + xml.substring(end);
        }

        void restart() throws Exception {
            FileConfiguration cfg = new FileConfiguration();
            FileDeploymentManager files = new FileDeploymentManager(config.toUri().toString());
            files.addDeployable(cfg);
            files.readConfiguration();
            SecurityConfiguration users = new SecurityConfiguration();
            users.addUser(NODE_USER, NODE_PASSWORD);
            users.addRole(NODE_USER, "pdx-node");
            users.addUser(PSB, PSB_SYSTEM_KEY);
            users.addRole(PSB, "pdx-department");
            users.addUser(MARKET, MARKET_PASSWORD);
            users.addRole(MARKET, "pdx-department");
            broker = new EmbeddedActiveMQ().setConfiguration(cfg)
                    .setSecurityManager(new ActiveMQJAASSecurityManager(InVMLoginModule.class.getName(), users));
            broker.start();
        }

        /** The node's settings for this broker, with production's URL options: fail over and reconnect for ever. */
        Map<String, String> nodeSettings() {
            Map<String, String> settings = new HashMap<>();
            settings.put("pdx.broker.embedded", "false");
            settings.put("pdx.broker.url", "tcp://127.0.0.1:" + port + "?ha=true&reconnectAttempts=-1&user=" + NODE_USER + "&password=" + NODE_PASSWORD);
            settings.put("pdx.supervision.demo-activity.enabled", "false");
            return settings;
        }

        void stop() throws Exception {
            if (broker != null) {
                broker.stop();
                broker = null;
            }
        }

        @Override
        public void close() throws Exception {
            stop();
        }
    }

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static HttpResponse<String> postRecords(NodeProcess node, String messageId, int serial) throws Exception {
        String body = "[{\"citizen_id\":\"" + citizenId(serial) + "\",\"person_name\":\"测试" + serial + "\"}]";
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.httpPort + RECORDS))
                .header("Authorization", "Bearer demo-system").header("Content-Type", "application/json")
                .header("Pdx-Person", "%E5%85%AC%E5%AE%89%E5%B1%80").header("Pdx-Purpose", "%E6%B1%87%E8%81%9A")
                .header("Pdx-Message-Id", messageId)
                .timeout(Duration.ofSeconds(60)).POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static int ready(NodeProcess node) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.httpPort + "/q/health/ready"))
                .timeout(Duration.ofSeconds(10)).build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    private static String log(NodeProcess node) throws Exception {
        return node.get("/api/v1/usage-log?limit=1000", "demo-admin");
    }

    /** The usage-log entries (JSON objects) of a message, as text. */
    private static String entryOf(String log, String messageId) {
        StringBuilder found = new StringBuilder();
        for (String entry : log.split("\\},\\s*\\{")) {
            if (entry.contains("\"" + messageId + "\"")) {
                found.append(entry).append('\n');
            }
        }
        return found.toString();
    }

    private static String awaitEntry(NodeProcess node, String messageId, String decision, Duration within) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        String entries = "";
        while (System.nanoTime() < deadline) {
            entries = entryOf(log(node), messageId);
            if (entries.contains(decision)) {
                return entries;
            }
            Thread.sleep(300);
        }
        String seen = entries;
        throw new AssertionError(messageId + " logged as " + decision + " within " + within + "; its entries: " + seen + "\n" + tail(node));
    }

    private static String tail(NodeProcess node) {
        try {
            String out = node.output();
            return out.substring(Math.max(0, out.length() - 6000));
        } catch (Exception e) {
            return "(no output: " + e + ")";
        }
    }
}
