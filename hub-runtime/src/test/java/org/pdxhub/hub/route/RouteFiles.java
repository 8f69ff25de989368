package org.pdxhub.hub.route;

import io.quarkus.test.junit.QuarkusTestProfile;
import org.apache.camel.CamelContext;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.pdxhub.hub.gate.GateEnforcement;
import org.pdxhub.hub.gate.RouteFileCheck;
import org.pdxhub.hub.testing.NodeProcess;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.pdxhub.hub.testing.DemoKeys.admin;

/** A node whose configuration folder is a copy of config/demo in target/, so tests write routes files there. */
public class RouteFiles implements QuarkusTestProfile {

    static final Path CONFIG = Path.of("target", "route-files-" + UUID.randomUUID()).toAbsolutePath();
    public static final Path ROUTES = CONFIG.resolve("routes");
    /** The department's side of the examples: folders the routes write to. */
    static final Path DEPARTMENT = Path.of("target", "department-" + UUID.randomUUID()).toAbsolutePath();

    @Override
    public Map<String, String> getConfigOverrides() {
        Path demo = Path.of("..", "config", "demo").toAbsolutePath().normalize();
        try {
            Files.createDirectories(ROUTES);
            Files.createDirectories(DEPARTMENT);
            for (String f : new String[]{"seed.json", "catalog.json", "masking-profiles.json"}) {
                Files.copy(demo.resolve(f), CONFIG.resolve(f), StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        Map<String, String> config = new HashMap<>(Map.of("pdx.config-dir", CONFIG.toString(),
                "pdx.calendar.file", demo.resolveSibling("calendar").resolve("cn-official-holidays.csv").toString(),
                "department.folder", DEPARTMENT.toString()));
        config.putAll(departmentSystems());
        config.putAll(extra());
        return config;
    }

    /**
     * The department's side of the shipped examples (config/demo/routes/examples), as their
     * placeholders name it: an H2 database, a returns folder and an SFTP server for
     * {@code DeliveryExamplesTest}, HTTP endpoints and their signing secrets for
     * {@code HttpPushExampleTest}. Declared for every test of this profile, so that those run on
     * the same node as the other route-file tests instead of a node each; a test that uses none of
     * them is not affected by their being there.
     */
    private static Map<String, String> departmentSystems() {
        Path sftp = DEPARTMENT.resolve("sftp");
        String pushBase;
        String sftpPort;
        try {
            pushBase = "http://127.0.0.1:" + NodeProcess.freePort();
            sftpPort = String.valueOf(NodeProcess.freePort());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return Map.ofEntries(
                Map.entry("pdx.routes.databases.psb.url", "jdbc:h2:mem:dept-psb-" + UUID.randomUUID()
                        + ";DB_CLOSE_DELAY=-1;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE"),
                Map.entry("department.psb.returns-folder", DEPARTMENT.resolve("returns").toString()),
                Map.entry("department.psb.sftp.host", "127.0.0.1"),
                Map.entry("department.psb.sftp.port", sftpPort),
                Map.entry("department.psb.sftp.folder", "returns"),
                Map.entry("department.psb.sftp.drop", "outbox"),
                Map.entry("department.psb.sftp.user", "dept"),
                Map.entry("department.psb.sftp.password", "s3cret-口令"),
                Map.entry("department.psb.sftp.known-hosts", sftp.resolve("known_hosts").toString()),
                Map.entry("department.psb.sftp.root", sftp.resolve("root").toString()),
                Map.entry("pdx.signing.peers.psb-http.key-id", "pdx-ganzi-psb"),
                Map.entry("pdx.signing.peers.psb-http.secret", HttpPushExampleTest.PSB_SECRET),
                Map.entry("pdx.signing.peers.market-http.key-id", "pdx-ganzi-market"),
                Map.entry("pdx.signing.peers.market-http.secret", HttpPushExampleTest.MARKET_SECRET),
                Map.entry("department.psb.push.base", pushBase),
                Map.entry("department.market.push.base", pushBase));
    }


    /** More configuration for a subclass's examples. */
    protected Map<String, String> extra() {
        return Map.of();
    }

    /** Writes a routes file as an engineer would (a temporary name, then a move) and waits until the node runs its route. */
    static void install(CamelContext camel, String file, String yaml, String routeId) throws IOException {
        write(file, yaml);
        await().atMost(Duration.ofSeconds(15)).until(() -> camel.getRoute(routeId) != null);
    }

    static void write(String file, String yaml) throws IOException {
        Path tmp = ROUTES.resolve("." + file + ".tmp");
        Files.writeString(tmp, yaml);
        Files.move(tmp, ROUTES.resolve(file), StandardCopyOption.REPLACE_EXISTING);
    }

    static void remove(CamelContext camel, String file, String routeId) throws IOException {
        Files.deleteIfExists(ROUTES.resolve(file));
        await().atMost(Duration.ofSeconds(15)).until(() -> camel.getRoute(routeId) == null);
    }

    /** Writes a routes file the node must refuse, and waits for the refusal it reports on /api/v1/routes. */
    static void awaitRefused(String file, String yaml, String... told) throws IOException {
        write(file, yaml);
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            var then = admin().when().get("/api/v1/routes").then().statusCode(200)
                    .body("files.find { it.file == '" + file + "' }.state", equalTo("REFUSED"));
            for (String t : told) {
                then.body("files.find { it.file == '" + file + "' }.error", containsString(t));
            }
        });
        Files.delete(ROUTES.resolve(file));
    }

    /** The allowlist's answer for one routes file, without loading it. */
    static GateEnforcement.GateBypassRefused refusal(CamelContext camel, String yaml) throws Exception {
        return assertThrows(GateEnforcement.GateBypassRefused.class, () -> {
            for (RoutesBuilder builder : PluginHelper.getRoutesLoader(camel).findRoutesBuilders(ResourceHelper.fromString("t.yaml", yaml))) {
                RouteFileCheck.check(camel, ((RouteBuilder) builder).configureRoutes(camel));
            }
        }, yaml);
    }

    static String route(String id, String from, String steps) {
        return """
                - route:
                    id: %s
                    from:
                      uri: "%s"
                      steps:
                %s
                """.formatted(id, from, steps.indent(8).stripTrailing());
    }
}
