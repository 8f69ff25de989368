package org.pdxhub.hub.signing;

import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.pdxhub.hub.messaging.Addresses;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Signed requests out: to the test node itself, and to a stub peer that fails on purpose. */
@QuarkusTest
public class SignedClientTest {

    static final byte[] STUB_SECRET = Base64.getDecoder().decode("c3R1Yi1wZWVyLXNlY3JldC1mb3ItcmV0cnktdGVzdHMtMDE=");

    @Inject
    SignedClient client;

    @Inject
    MeterRegistry metrics;

    @Inject
    CamelContext camel;

    @Inject
    ProducerTemplate producer;

    @ConfigProperty(name = "quarkus.http.test-port")
    int port;

    private HttpServer stub;

    /** What the stub saw of each attempt. */
    record Seen(String nonce, String messageId, boolean signatureValid, String body) {
    }

    @AfterEach
    void stopStub() {
        if (stub != null) {
            stub.stop(0);
        }
    }

    @Test
    void theCountyNodeSignsAGetToItsParentAndIsKnownThereAsTheCounty() {
        SignedClient.Response r = client.send("ganzi-prefecture", URI.create("http://127.0.0.1:" + port), "GET", "/api/v1/node",
                null, Map.of());
        assertEquals(200, r.status(), r.text());
        assertEquals(1, r.attempts());
        assertTrue(r.text().contains("\"id\":\"test-node\""), r.text());
    }

    @Test
    void aSignedPostReachesTheRealEndpointAndARefusalIsNotRetried() {
        // The county is not the provider of the prefecture's population resource: the node answers 403 once.
        byte[] body = SignedCalls.json(List.of(Map.of("citizen_id", "513301199003030018")));
        SignedClient.Response r = client.send("ganzi-prefecture", URI.create("http://127.0.0.1:" + port), "POST", SignedCalls.RECORDS,
                body, Map.of("Pdx-Person", "康定市平台", "Pdx-Purpose", "汇聚"));
        assertEquals(403, r.status(), r.text());
        assertTrue(r.text().contains("aggregation.not-provider"), "signature accepted, the gate refused: " + r.text());
        assertEquals(1, r.attempts());
    }

    @Test
    void fiveHundredThreeTwiceThenAcceptedTakesThreeAttemptsWithFreshNoncesAndOneMessageId() throws IOException {
        List<Seen> seen = startStub(503, 503, 202);
        double okBefore = counter("ok");

        SignedClient.Response r = client.send("stub", stubBase(), "POST", "/api/v1/exchange/X/records",
                "[{\"a\":1}]".getBytes(StandardCharsets.UTF_8), Map.of("Pdx-Person", "p"));

        assertEquals(202, r.status());
        assertEquals(3, r.attempts());
        assertEquals(3, seen.size());
        assertEquals(3, new HashSet<>(seen.stream().map(Seen::nonce).toList()).size(), "a new nonce for every attempt");
        assertEquals(Set.of(r.messageId()), new HashSet<>(seen.stream().map(Seen::messageId).toList()), "one message id across retries");
        assertTrue(seen.stream().allMatch(Seen::signatureValid), "every attempt verifies with the peer's secret");
        assertTrue(seen.stream().allMatch(s -> s.body().equals("[{\"a\":1}]")));
        assertEquals(okBefore + 1, counter("ok"));
    }

    @Test
    void aTooManyRequestsIsRetriedToo() throws IOException {
        List<Seen> seen = startStub(429, 202);
        assertEquals(202, client.send("stub", stubBase(), "GET", "/x", null, Map.of()).status());
        assertEquals(2, seen.size());
    }

    @Test
    void aBadRequestIsNotRetried() throws IOException {
        List<Seen> seen = startStub(400, 202);
        SignedClient.Response r = client.send("stub", stubBase(), "POST", "/x", "{}".getBytes(StandardCharsets.UTF_8), Map.of());
        assertEquals(400, r.status());
        assertEquals(1, r.attempts());
        assertEquals(1, seen.size());
    }

    @Test
    void aPeerThatKeepsFailingGivesItsLastAnswerAfterTheConfiguredAttempts() throws IOException {
        List<Seen> seen = startStub(503, 503, 503, 503, 503);
        SignedClient.Response r = client.send("stub", stubBase(), "POST", "/x", "{}".getBytes(StandardCharsets.UTF_8), Map.of());
        assertEquals(503, r.status());
        assertEquals(4, r.attempts());
        assertEquals(4, seen.size());
    }

    @Test
    void aPeerThatDoesNotAnswerIsReportedUnreachableAfterEveryAttempt() throws IOException {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        var e = assertThrows(SignedClient.PeerUnreachable.class,
                () -> client.send("stub", URI.create("http://127.0.0.1:" + closed), "GET", "/x", null, Map.of()));
        assertEquals(4, e.attempts());
    }

    @Test
    void aConsumerInABrokerTransactionTriesOncePerDeliveryAndTheBrokerOwnsTheRetry() throws Exception {
        List<Seen> seen = startStub(503, 503, 202);
        String queue = "pdx.test.signed-" + UUID.randomUUID();
        String route = "test-signed-" + UUID.randomUUID();
        AtomicInteger deliveries = new AtomicInteger();
        double retriesBefore = retries();
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                // As a link's consumer would, but calling the retrying send: inside the transaction it tries once.
                from(Addresses.NODE_JMS + ":queue:" + queue + "?transacted=true").routeId(route).process(e -> {
                    deliveries.incrementAndGet();
                    SignedClient.Response r = client.send("stub", stubBase(), "POST", "/x", e.getMessage().getBody(byte[].class),
                            Map.of("Pdx-Message-Id", "one-message"));
                    if (!r.successful()) {
                        throw new IllegalStateException("peer answered " + r.status());
                    }
                });
            }
        });
        try {
            producer.sendBody(Addresses.NODE_JMS + ":queue:" + queue, "{\"a\":1}".getBytes(StandardCharsets.UTF_8));

            await().atMost(Duration.ofSeconds(20)).until(() -> seen.size() == 3 && deliveries.get() == 3);
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4)).until(() -> seen.size() == 3 && deliveries.get() == 3);
            assertEquals(retriesBefore, retries(), "no retry inside a delivery: one request per delivery");
            assertEquals(Set.of("one-message"), new HashSet<>(seen.stream().map(Seen::messageId).toList()));
        } finally {
            camel.getRouteController().stopRoute(route);
            camel.removeRoute(route);
        }
    }

    private double retries() {
        var c = metrics.find("pdx.signed.request.retries").tags("peer", "stub").counter();
        return c == null ? 0 : c.count();
    }

    private List<Seen> startStub(int... statuses) throws IOException {
        List<Seen> seen = new CopyOnWriteArrayList<>();
        AtomicInteger calls = new AtomicInteger();
        stub = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        stub.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            var h = exchange.getRequestHeaders();
            String target = Signature.pathAndQuery(exchange.getRequestURI().getRawPath(), exchange.getRequestURI().getRawQuery());
            String expected = Signature.sign(STUB_SECRET, exchange.getRequestMethod(), target, h.getFirst(Signature.TIMESTAMP),
                    h.getFirst(Signature.NONCE), Signature.contentSha256(body));
            seen.add(new Seen(h.getFirst(Signature.NONCE), h.getFirst(Signature.MESSAGE_ID),
                    expected.equals(h.getFirst(Signature.SIGNATURE)) && "stub-key".equals(h.getFirst(Signature.KEY_ID))
                            && Signature.contentSha256(body).equals(h.getFirst(Signature.CONTENT_SHA256)),
                    new String(body, StandardCharsets.UTF_8)));
            int i = calls.getAndIncrement();
            int status = statuses[Math.min(i, statuses.length - 1)];
            byte[] answer = ("{\"status\":" + status + "}").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        stub.start();
        return seen;
    }

    private URI stubBase() {
        return URI.create("http://127.0.0.1:" + stub.getAddress().getPort());
    }

    private double counter(String outcome) {
        var c = metrics.find("pdx.signed.requests").tags("peer", "stub", "outcome", outcome).counter();
        return c == null ? 0 : c.count();
    }
}
