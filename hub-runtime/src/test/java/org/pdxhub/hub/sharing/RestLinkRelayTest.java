package org.pdxhub.hub.sharing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import jakarta.jms.ConnectionFactory;
import org.apache.camel.ProducerTemplate;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.pdxhub.hub.deadletter.DeadLetters;
import org.pdxhub.hub.deadletter.OneDeadLetterFormatTest;
import org.pdxhub.hub.envelope.Headers;
import org.pdxhub.hub.link.RelayedRequests;
import org.pdxhub.hub.link.RestLinks;
import org.pdxhub.hub.messaging.Addresses;
import org.pdxhub.hub.signing.SignedClient;
import org.pdxhub.hub.store.Sql;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pdxhub.hub.sharing.RequestFixtures.*;

/**
 * Requests and answers over a REST link: what the link carries is taken at the other end, and
 * what the other end refuses is shown to the operator with its reason instead of leaving a
 * request FORWARDED for ever. The parent and the Kangding child links lead back to this node,
 * signed as organisations this node takes no message from that way, so what it sends over them
 * is refused (403); the test sends as Kangding's county node with the county's key. A third link
 * leads to a stub peer that answers 503 at first, to count attempts.
 */
@QuarkusTest
@TestProfile(RestLinkRelayTest.LinksToItself.class)
class RestLinkRelayTest {

    static final AtomicInteger STUB_REQUESTS = new AtomicInteger();
    static final int STUB_FAILURES = 2;
    static HttpServer stub;

    public static class LinksToItself implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            String self = "http://127.0.0.1:${quarkus.http.test-port}";
            return Map.ofEntries(
                    Map.entry("pdx.node.parent.id", "ganzi-prefecture"),
                    Map.entry("pdx.node.parent.address", self),
                    Map.entry("pdx.node.parent.organisation", "11510000MB0000001R"),
                    Map.entry("pdx.node.parent.resources[0]", "GZ-NOT-SUBSCRIBED-001"),
                    // Signed as the public security bureau's system, which is no child of this node: refused (403).
                    Map.entry("pdx.signing.peers.ganzi-prefecture.key-id", "demo-psb-system"),
                    Map.entry("pdx.signing.peers.ganzi-prefecture.secret", "base64:ZGVtby1zaWduaW5nLXBzYi1wb3B1bGF0aW9uLXN5c3RlbS0yMDI2"),
                    Map.entry("pdx.node.children[0].id", "kangding"),
                    Map.entry("pdx.node.children[0].address", self),
                    Map.entry("pdx.node.children[0].organisation", KANGDING),
                    Map.entry("pdx.signing.peers.kangding.key-id", "kangding-county"),
                    Map.entry("pdx.signing.peers.kangding.secret", "base64:ZGVtby1zaWduaW5nLWthbmdkaW5nLWNvdW50eS1hdC1nYW56aS0yMDI2"),
                    Map.entry("pdx.node.children[1].id", "stub"),
                    Map.entry("pdx.node.children[1].address", "http://127.0.0.1:" + startStub()),
                    Map.entry("pdx.node.children[1].organisation", HRSS));
        }
    }

    /** A peer that answers 503 to its first requests and 202 after, counting every request. */
    static synchronized int startStub() {
        if (stub == null) {
            try {
                stub = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            stub.createContext("/", exchange -> {
                exchange.getRequestBody().readAllBytes();
                int status = STUB_REQUESTS.incrementAndGet() <= STUB_FAILURES ? 503 : 202;
                exchange.sendResponseHeaders(status, -1);
                exchange.close();
            });
            stub.start();
        }
        return stub.getAddress().getPort();
    }

    @Inject
    SignedClient client;

    @Inject
    ObjectMapper json;

    @Inject
    Sql sql;

    @Inject
    ProducerTemplate producer;

    @Inject
    MeterRegistry metrics;

    @Inject
    ConnectionFactory connections;

    @ConfigProperty(name = "quarkus.http.test-port")
    int port;

    @Test
    void aShareRequestRelayedOverARestLinkIsFiledAtTheNodeAbove() throws Exception {
        String origin = RelayedRequests.PREFIX + UUID.randomUUID();
        Map<String, Object> headers = Map.of(RelayedRequests.KIND, "REQUEST", Headers.MESSAGE_ID, origin, Headers.DIRECTION, "UP",
                Headers.SOURCE_NODE, "kangding", Headers.RESOURCE, POPULATION, Headers.REQUESTER, KANGDING, Headers.PERSON, "康定市数据专员");
        byte[] envelope = RestLinks.envelope(json, headers, json.writeValueAsBytes(conditional(ask(POPULATION, "citizen_id"))));

        // As Kangding's county node sends it up: signed with the county's key, in the envelope its RestLinks makes.
        SignedClient.Response r = client.sendOnce("kangding", URI.create("http://127.0.0.1:" + port), "POST", "/api/v1/links/in",
                envelope, Map.of("Content-Type", "application/json", "Pdx-Message-Id", origin));
        assertEquals(202, r.status(), r.text());

        await().atMost(Duration.ofSeconds(20)).until(() -> sql.count("select count(*) from relayed_request where origin_id = ?"
                + " and local_request_id is not null", origin) == 1);
        assertEquals(1L, sql.count("select count(*) from data_request where requester_uscc = ? and resource_code = ?"
                + " and id = (select local_request_id from relayed_request where origin_id = ?)", KANGDING, POPULATION, origin));

        // The answer goes down a link whose other end (this node) refuses it: counted, and in the readiness check with the reason.
        await().atMost(Duration.ofSeconds(20)).until(() -> refused("kangding", "link.unknown-node") >= 1);
        anyone().get("/q/health/ready").then().body("checks.find { it.name == 'links' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'links' }.data.'kangding.refused'", containsString("403 link.unknown-node"));
    }

    @Test
    void aRequestTheLinkAboveRefusesIsAnsweredLinkRefusedWithTheReason() {
        String id = as(SPECIALIST_PSB).body(ask("GZ-HELD-ABOVE-001", "uscc")).post("/api/v1/share-requests")
                .then().statusCode(202).extract().path("id");

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> as(SPECIALIST_PSB).get("/api/v1/share-requests/" + id)
                .then().statusCode(200).body("status", equalTo(RelayedRequests.LINK_REFUSED))
                .body("answer.reason", containsString("ganzi-prefecture"))
                .body("answer.reason", containsString("403 link.unknown-node")));
        assertTrue(refused("ganzi-prefecture", "link.unknown-node") >= 1);
    }

    @Test
    void aLinkMessageIsTriedOncePerDeliveryAndOnlyTheBrokerTriesAgain() throws Exception {
        String messageId = UUID.randomUUID().toString();
        producer.sendBodyAndHeaders(Addresses.NODE_JMS + ":queue:" + Addresses.linkOut("stub"), "[]".getBytes(StandardCharsets.UTF_8),
                Map.of(Headers.MESSAGE_ID, messageId, Headers.RESOURCE, POPULATION, Headers.DIRECTION, "DOWN"));

        // Two 503s and a 202: three requests, each from a delivery of its own (two rolled back, one taken).
        await().atMost(Duration.ofSeconds(20)).until(() -> STUB_REQUESTS.get() == STUB_FAILURES + 1
                && deliveries("pdx-link-out-stub") == STUB_FAILURES + 1);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> STUB_REQUESTS.get() == STUB_FAILURES + 1);
        // Each attempt counted once, by its outcome: no client retries inside the deliveries.
        assertEquals(STUB_FAILURES, signed("stub", "failed"));
        assertEquals(1, signed("stub", "ok"), "delivered once");
        assertEquals(null, metrics.find("pdx.signed.request.retries").tag("peer", "stub").counter(), "the client never retried");
        assertEquals(null, OneDeadLetterFormatTest.find(connections, messageId), "a peer's 503 is not the sender's mistake: not dead-lettered");
    }

    @Test
    void aLinkMessageThePeerRefusesIsDeadLetteredOnceAsSentAndNotTriedAgain() throws Exception {
        String messageId = UUID.randomUUID().toString();
        byte[] body = "[]".getBytes(StandardCharsets.UTF_8);
        producer.sendBodyAndHeaders(Addresses.NODE_JMS + ":queue:" + Addresses.linkOut("ganzi-prefecture"), body,
                Map.of(Headers.MESSAGE_ID, messageId, Headers.RESOURCE, POPULATION, Headers.DIRECTION, "UP", Headers.PROVIDER, PSB));

        var letter = await().atMost(Duration.ofSeconds(20)).until(() -> OneDeadLetterFormatTest.find(connections, messageId), l -> l != null);
        OneDeadLetterFormatTest.assertOneFormat(letter, "link.refused", Addresses.linkOut("ganzi-prefecture"), PSB, false,
                DeadLetters.ORIGINAL);
        assertTrue(letter.getStringProperty(Headers.REASON).contains("403 link.unknown-node"), letter.getStringProperty(Headers.REASON));
        assertEquals(1, letter.getIntProperty(DeadLetters.ATTEMPTS), "refused at its first delivery");
        assertArrayEquals(body, OneDeadLetterFormatTest.bodyOf(letter));
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4))
                .until(() -> OneDeadLetterFormatTest.find(connections, messageId) != null);
    }

    private double signed(String peer, String outcome) {
        var c = metrics.find("pdx.signed.requests").tag("peer", peer).tag("outcome", outcome).counter();
        return c == null ? 0 : c.count();
    }

    private double refused(String link, String rule) {
        var c = metrics.find("pdx.link.refused").tag("link", link).tag("rule", rule).counter();
        return c == null ? 0 : c.count();
    }

    /** How many times the route took a message from its queue: the broker's deliveries. */
    private double deliveries(String routeId) {
        return metrics.find("camel.exchanges.total").tag("routeId", routeId).counters().stream().mapToDouble(c -> c.count()).sum();
    }
}
