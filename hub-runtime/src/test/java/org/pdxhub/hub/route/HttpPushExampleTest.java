package org.pdxhub.hub.route;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.pdxhub.hub.sharing.Grant;
import org.pdxhub.hub.sharing.GrantSource;
import org.pdxhub.hub.sharing.Grants;
import org.pdxhub.hub.signing.Signature;
import org.pdxhub.hub.store.Sql;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pdxhub.hub.route.RouteFiles.route;
import static org.pdxhub.hub.testing.DemoKeys.MARKET;
import static org.pdxhub.hub.testing.DemoKeys.PSB;
import static org.pdxhub.hub.testing.DemoKeys.admin;

/**
 * The signed HTTP push of config/demo/routes/examples/pushes-to-http.yaml, as shipped, against a
 * real HTTP server on the department's side (the JDK's) that checks every request's signature
 * with the secret it shares with the node, as a department's endpoint would.
 */
@QuarkusTest
@TestProfile(RouteFiles.class)
class HttpPushExampleTest {

    static final String POPULATION = "GZ-PSB-POP-001";
    static final String PSB_SECRET = "psb-push-secret-of-at-least-32-bytes!";
    static final String MARKET_SECRET = "market-push-secret-of-at-least-32-bytes";

    /** One request as the department's endpoint got it, and whether its signature held. */
    record Received(String path, Map<String, String> headers, byte[] body, long nanos, boolean signatureHolds, int answered) {
        String header(String name) {
            return headers.get(name.toLowerCase());
        }
    }

    @Inject
    CamelContext camel;

    @Inject
    ProducerTemplate producer;

    @Inject
    Sql sql;

    @Inject
    Grants grants;

    @Inject
    ObjectMapper json;

    @ConfigProperty(name = "department.psb.push.base")
    String base;

    final List<Received> received = new CopyOnWriteArrayList<>();

    /** Refuses the first {@code failFirst} pushes of returns with 503, then takes them. */
    HttpServer department(int failFirst) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", Integer.parseInt(base.substring(base.lastIndexOf(':') + 1))), 0);
        server.createContext("/pdx/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String path = exchange.getRequestURI().getRawPath();
            boolean returns = path.equals("/pdx/returns");
            boolean holds = verified(exchange, body, returns ? PSB_SECRET : MARKET_SECRET);
            long returnsSoFar = received.stream().filter(r -> r.path().equals("/pdx/returns")).count();
            int status = !holds ? 401 : returns && returnsSoFar < failFirst ? 503 : 204;
            received.add(new Received(path, exchange.getRequestHeaders().entrySet().stream().collect(Collectors.toMap(
                    e -> e.getKey().toLowerCase(), e -> e.getValue().get(0), (a, b) -> a)), body, System.nanoTime(), holds, status));
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
        return server;
    }

    /** The department's check: the body's digest, then the HMAC over method, path, time, nonce and digest. */
    static boolean verified(HttpExchange exchange, byte[] body, String secret) {
        var h = exchange.getRequestHeaders();
        String digest = Signature.contentSha256(body);
        if (!digest.equals(h.getFirst(Signature.CONTENT_SHA256)) || h.getFirst(Signature.SIGNATURE) == null) {
            return false;
        }
        String expected = Signature.sign(secret.getBytes(StandardCharsets.UTF_8), exchange.getRequestMethod(),
                Signature.pathAndQuery(exchange.getRequestURI().getRawPath(), exchange.getRequestURI().getRawQuery()),
                h.getFirst(Signature.TIMESTAMP), h.getFirst(Signature.NONCE), digest);
        return Signature.matches(expected, h.getFirst(Signature.SIGNATURE));
    }

    void land(String citizenId, String name) throws Exception {
        RouteFiles.install(camel, "provider.yaml", route("push-provider", "direct:push-provider",
                "- to: \"pdx:ingest/" + POPULATION + "?person=人口系统&purpose=人口基础信息汇聚\""), "push-provider");
        String messageId = "landed-" + UUID.randomUUID();
        producer.sendBodyAndHeader("direct:push-provider", List.of(Map.of("citizen_id", citizenId, "person_name", name, "mobile", "13811112222")),
                "PdxMessageId", messageId);
        await().atMost(Duration.ofSeconds(15)).until(() -> sql.count(
                "select count(*) from dataset_record where resource_code = ? and message_id = ?", POPULATION, messageId) == 1);
    }

    List<Map<String, Object>> records(Received r) throws IOException {
        return json.readValue(r.body(), new TypeReference<>() {
        });
    }

    @Test
    void returnsAndSubscriptionsArePushedSignedAndAPushRefusedIsRetriedWithBackOffSignedAfresh() throws Exception {
        HttpServer server = department(2);
        Grant grant = grants.issue(MARKET, POPULATION, Set.of("citizen_id", "person_name"), Set.of(), "市场主体登记核验",
                Instant.now().minusSeconds(5), Instant.now().plus(Duration.ofDays(1)), GrantSource.SEED, null, null, null, "test");
        try {
            RouteFiles.install(camel, "pushes-to-http.yaml", Files.readString(DeliveryExamplesTest.EXAMPLES.resolve("pushes-to-http.yaml")),
                    "market-population-to-http");
            land("513301198807070029", "拉姆");

            Received share = await().atMost(Duration.ofSeconds(15)).until(() -> received.stream()
                    .filter(r -> r.path().equals("/pdx/subscriptions/" + POPULATION)).findFirst().orElse(null), r -> r != null);
            assertTrue(share.signatureHolds(), "the subscription's push is signed with the market regulator's key");
            assertEquals("pdx-ganzi-market", share.header(Signature.KEY_ID));
            assertEquals(Set.of("citizen_id", "person_name"), records(share).get(0).keySet(), "within the grant: " + records(share));
            assertEquals("拉*", records(share).get(0).get("person_name"), "masked for sharing");

            String returned = admin().header("Pdx-Person", "州数据局").header("Pdx-Purpose", "返还公安局人口数据")
                    .body(Map.of("to", PSB, "keys", List.of(records(share).get(0).get("citizen_id"))))
                    .when().post("/api/v1/exchange/" + POPULATION + "/return")
                    .then().statusCode(202).body("accepted", equalTo(1)).extract().path("messageId");
            await().atMost(Duration.ofSeconds(30)).until(() -> received.stream().anyMatch(r -> r.path().equals("/pdx/returns") && r.answered() == 204));
            List<Received> attempts = received.stream().filter(r -> r.path().equals("/pdx/returns")).toList();
            assertEquals(List.of(503, 503, 204), attempts.stream().map(Received::answered).toList(), "refused twice, then taken");
            assertTrue(attempts.stream().allMatch(Received::signatureHolds), "every attempt is signed with the bureau's key");
            assertEquals(3, attempts.stream().map(r -> r.header(Signature.NONCE)).distinct().count(), () -> "signed afresh each time: "
                    + attempts.stream().map(r -> r.header(Signature.NONCE) + "@" + r.header(Signature.TIMESTAMP) + "/" + r.nanos()).toList());
            assertTrue(attempts.stream().allMatch(r -> returned.equals(r.header(Signature.MESSAGE_ID))),
                    "the same message id on every attempt, so the department takes it once");
            long firstWait = attempts.get(1).nanos() - attempts.get(0).nanos();
            long secondWait = attempts.get(2).nanos() - attempts.get(1).nanos();
            assertTrue(firstWait >= Duration.ofMillis(900).toNanos() && secondWait > firstWait * 3 / 2,
                    "backs off: waited " + firstWait / 1_000_000 + " ms, then " + secondWait / 1_000_000 + " ms");
            assertTrue(records(attempts.get(2)).get(0).get("person_name").toString().startsWith("拉"), "the returned record");
            assertFalse(received.stream().anyMatch(r -> r.headers().keySet().stream().anyMatch(k -> k.startsWith("pdxperson")
                    || k.startsWith("pdxpurpose") || k.startsWith("pdxresource"))), "the node's own headers stay on the node's side");
        } finally {
            grants.revoke(grant.id(), "test");
            RouteFiles.remove(camel, "pushes-to-http.yaml", "market-population-to-http");
            RouteFiles.remove(camel, "provider.yaml", "push-provider");
            server.stop(0);
        }
    }

    @Test
    void aPushSignedWithAnotherKeyIsNotTakenByTheDepartment() throws Exception {
        HttpServer server = department(0);
        try {
            RouteFiles.install(camel, "wrong-key.yaml", route("wrong-key", "direct:wrong-key", """
                    - to: "pdx:sign/market-http?path=/pdx/returns"
                    - to: "{{department.psb.push.base}}/pdx/returns?throwExceptionOnFailure=false"
                    """), "wrong-key");
            producer.sendBody("direct:wrong-key", "[{\"a\":1}]");
            await().atMost(Duration.ofSeconds(10)).until(() -> !received.isEmpty());
            assertFalse(received.get(0).signatureHolds(), "the department's check tells a key it does not share");
            assertEquals(401, received.get(0).answered());
        } finally {
            RouteFiles.remove(camel, "wrong-key.yaml", "wrong-key");
            server.stop(0);
        }
    }

    @Test
    void aSigningStepForAPeerWithoutAKeyIsRefusedAtLoad() throws Exception {
        RouteFiles.awaitRefused("no-key.yaml", route("no-key", "direct:no-key", "- to: \"pdx:sign/nobody?path=/x\""),
                "pdx.signing.peers.nobody");
        RouteFiles.awaitRefused("no-path.yaml", route("no-path", "direct:no-path", "- to: \"pdx:sign/psb-http\""), "path=");
    }
}
