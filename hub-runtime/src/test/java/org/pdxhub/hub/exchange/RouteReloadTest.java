package org.pdxhub.hub.exchange;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.Test;
import org.pdxhub.hub.route.RouteFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pdxhub.hub.testing.DemoKeys.admin;
import static org.pdxhub.hub.testing.DemoKeys.as;

/** The node's routes folder while it runs: changes take effect; bad changes are refused and the old routes keep running. */
@QuarkusTest
@TestProfile(RouteFiles.class)
class RouteReloadTest {

    /** The routes folder of the route-files node these tests share ({@link RouteFiles}: a copy of config/demo in target/). */
    static final Path ROUTES = RouteFiles.ROUTES;

    @Inject
    CamelContext camel;

    @Inject
    ProducerTemplate producer;

    static String route(String id, String step) {
        return """
                - route:
                    id: %s
                    from:
                      uri: direct:%s
                      steps:
                        - %s
                """.formatted(id, id, step);
    }

    String call() {
        return producer.requestBody("direct:node-hello", "", String.class);
    }

    void write(String content) throws IOException {
        Path tmp = ROUTES.resolve(".hello.tmp");
        Files.writeString(tmp, content);
        Files.move(tmp, ROUTES.resolve("hello.yaml"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    void awaitRefused(String reason) {
        // The first REST call of a test JVM loads RestAssured and Groovy: on a loaded machine that alone took over 8 s.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> admin().when().get("/api/v1/routes")
                .then().statusCode(200)
                .body("files.find { it.file == 'hello.yaml' }.state", org.hamcrest.Matchers.equalTo("REFUSED"))
                .body("files.find { it.file == 'hello.yaml' }.error", containsString(reason)));
    }

    @Test
    void aRouteFileWrittenEditedBrokenOrBypassingTheGateWhileTheNodeRuns() throws Exception {
        write(route("node-hello", "setBody: {constant: v1}"));
        await().atMost(Duration.ofSeconds(10)).until(() -> camel.getRoute("node-hello") != null);
        assertEquals("v1", call(), "a new file's route runs");

        write(route("node-hello", "setBody: {constant: v2}"));
        await().atMost(Duration.ofSeconds(10)).until(() -> "v2".equals(call()));

        write("- route:\n    id: node-hello\n    from: [unclosed\n");
        awaitRefused("");
        assertEquals("v2", call(), "broken YAML: the running route keeps running");

        write(route("node-hello", "to: jms:queue:pdx.agg.GZ-PSB-POP-001"));
        awaitRefused("belongs to the gate");
        assertEquals("v2", call(), "a route the gate refuses: the running route keeps running");

        admin().when().get("/api/v1/routes").then().statusCode(200).body("routes.id", hasItem("node-hello"));

        Files.delete(ROUTES.resolve("hello.yaml"));
        await().atMost(Duration.ofSeconds(10)).until(() -> camel.getRoute("node-hello") == null);
    }

    /**
     * A routes file may log in to a department's server, and every organisation's SYSTEM key may
     * list the routes: the listing, a refusal's reason among them, never shows a password.
     */
    @Test
    void theRoutesListingNeverShowsAnEndpointsPassword() throws Exception {
        String secret = "Sftp-Secret-口令-" + UUID.randomUUID();
        Files.writeString(ROUTES.resolve("reads-sftp.yaml"), """
                - route:
                    id: reads-sftp
                    from:
                      uri: "sftp://127.0.0.1:2299/outbox"
                      parameters:
                        username: dept
                        password: "RAW(%s)"
                        initialDelay: 3600000
                      steps:
                        - to: "pdx:ingest/GZ-PSB-POP-001?person=x&purpose=y"
                """.formatted(secret));
        String token = "Token-" + UUID.randomUUID();
        Files.writeString(ROUTES.resolve("refused-smtp.yaml"), route("refused-smtp", "to: \"smtp://mail.example?password=" + token + "\""));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> as("demo-system-hrss").when().get("/api/v1/routes").then().statusCode(200)
                .body("routes.find { it.id == 'reads-sftp' }.from", containsString("password=xxxxxx"))
                .body("files.find { it.file == 'refused-smtp.yaml' }.state", org.hamcrest.Matchers.equalTo("REFUSED")));
        String listing = as("demo-system-hrss").when().get("/api/v1/routes").then().statusCode(200).extract().asString();
        assertFalse(listing.contains(secret), listing);
        assertFalse(listing.contains(token), listing);
        assertTrue(listing.contains("smtp://mail.example"), "the refusal still names the endpoint: " + listing);

        Files.delete(ROUTES.resolve("reads-sftp.yaml"));
        Files.delete(ROUTES.resolve("refused-smtp.yaml"));
        await().atMost(Duration.ofSeconds(10)).until(() -> camel.getRoute("reads-sftp") == null);
    }
}
