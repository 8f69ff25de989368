package org.pdxhub.hub.console;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import org.pdxhub.hub.testing.NodeProcess;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A real OpenID Connect provider for the console's login test: Keycloak from its Maven Central
 * distribution (unpacked under {@code target/keycloak} at build time), started in development mode
 * with the realm {@code oidc/pdx-realm.json}. The node reaches it through a pass-through in the
 * middle that a test can turn hostile ({@code GET /__mode?<Mode>}), to play the provider's token
 * response going wrong: signed by another key, for another audience, from another issuer.
 */
public class KeycloakProvider implements QuarkusTestResourceLifecycleManager {

    static final String REALM = "pdx";
    static final String CLIENT_SECRET = "pdx-console-oidc-secret-2026";
    static final Path DIST = Path.of("target", "keycloak");
    /** Where {@link KeycloakStartsEarly} leaves the port, process id and launch time of the Keycloak it launched. */
    static final String EARLY_PORT = "keycloak-test.early.port";
    static final String EARLY_PID = "keycloak-test.early.pid";
    static final String EARLY_AT = "keycloak-test.early.launched-at";
    /** Set when this provider launched a Keycloak itself, so that {@link KeycloakStartsEarly} launches no second. */
    static final String LAUNCHED_ITSELF = "keycloak-test.launched-itself";
    private static final Set<String> HOP_HEADERS = Set.of("host", "content-length", "connection", "expect", "upgrade",
            "transfer-encoding", "keep-alive");

    /** How the middle treats the provider's answers. */
    enum Mode {
        HONEST,
        /** The ID token re-signed with a key that is not the provider's (same key id). */
        FOREIGN_KEY,
        /** The flow run for another client of the provider: a genuine token whose audience is not the console. */
        WRONG_AUDIENCE,
        /**
         * A token for the console's client, genuinely signed by the provider's key, but issued under another host name:
         * an issuer the console does not know (the middle swaps the code for a password grant made under that name).
         */
        WRONG_ISSUER,
        /**
         * A genuine ID token for the console (the flow run for a client of the provider whose tokens live two seconds
         * and name the console in their audience) that reaches the node only after it has expired: a slow answer.
         */
        EXPIRED
    }

    private Process keycloak;
    private HttpServer middle;
    private volatile Mode mode = Mode.HONEST;
    private final KeyPair foreignKey = rsa();
    private final HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private int keycloakPort;

    /** A Java 21 or newer to run Keycloak with: {@code KEYCLOAK_JAVA_HOME}, else one under {@code /usr/lib/jvm}. */
    static Optional<Path> java21() {
        String configured = System.getenv("KEYCLOAK_JAVA_HOME");
        if (configured != null && Files.isExecutable(Path.of(configured, "bin", "java"))) {
            return Optional.of(Path.of(configured));
        }
        try (Stream<Path> homes = Files.list(Path.of("/usr/lib/jvm"))) {
            return homes.filter(h -> Files.isExecutable(h.resolve("bin/java")) && major(h) >= 21)
                    .max(Comparator.comparingInt(KeycloakProvider::major));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    static Optional<Path> keycloakHome() {
        try (Stream<Path> dirs = Files.exists(DIST) ? Files.list(DIST) : Stream.empty()) {
            return dirs.filter(d -> Files.isExecutable(d.resolve("bin/kc.sh"))).findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    static boolean available() {
        return java21().isPresent() && keycloakHome().isPresent();
    }

    @Override
    public Map<String, String> start() {
        if (!available()) {
            if ("true".equals(System.getenv("CI"))) {
                throw new IllegalStateException("the console's OIDC login test runs Keycloak, which needs a Java 21 or newer"
                        + " (KEYCLOAK_JAVA_HOME or /usr/lib/jvm) and the distribution Maven unpacks into target/keycloak");
            }
            return Map.of();
        }
        try {
            middle = HttpServer.create(new InetSocketAddress("127.0.0.1", freePort()), 50);
            middle.setExecutor(Executors.newFixedThreadPool(8));
            middle.createContext("/", this::relay);
            middle.start();
            String running = System.getenv("KEYCLOAK_TEST_PORT");
            if (running != null) {
                // An engineer's Keycloak, already started with this realm, saves its start-up on every run.
                keycloakPort = Integer.parseInt(running);
                return config();
            }
            String early = System.getProperty(EARLY_PORT);
            ProcessHandle process;
            Instant started;
            if (early != null) {
                // Launched by KeycloakStartsEarly after the first test class: only its answer is waited for.
                keycloakPort = Integer.parseInt(early);
                process = ProcessHandle.of(Long.parseLong(System.getProperty(EARLY_PID))).orElse(null);
                started = Instant.parse(System.getProperty(EARLY_AT));
            } else {
                keycloakPort = freePort();
                started = Instant.now();
                keycloak = launch(keycloakPort);
                System.setProperty(LAUNCHED_ITSELF, "true");
                process = keycloak.toHandle();
            }
            URI discovery = URI.create(issuer() + "/.well-known/openid-configuration");
            Instant deadline = Instant.now().plusSeconds(300);
            while (true) {
                if (process == null || !process.isAlive()) {
                    throw new IllegalStateException("Keycloak stopped while starting: see target/keycloak.log");
                }
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("Keycloak did not answer within 300 s: see target/keycloak.log");
                }
                try {
                    if (client.send(HttpRequest.newBuilder(discovery).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                        break;
                    }
                } catch (IOException notYet) {
                    // not listening yet
                }
                Thread.sleep(500);
            }
            System.out.println("Keycloak answered " + Duration.between(started, Instant.now()).toMillis() + " ms after its launch"
                    + (early != null ? " (launched early, by KeycloakStartsEarly)" : ""));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return config();
    }

    /**
     * Starts Keycloak in development mode on {@code port} with a fresh store, so that the realm is always the one
     * in the test's resources; it answers some 35 to 65 s later on two cores. Its output goes to target/keycloak.log.
     */
    static Process launch(int port) throws IOException {
        Path home = keycloakHome().orElseThrow();
        NodeProcess.deleteTree(home.resolve("data"));
        Path imports = Files.createDirectories(home.resolve("data/import"));
        try (InputStream realm = KeycloakProvider.class.getResourceAsStream("/oidc/pdx-realm.json")) {
            Files.copy(realm, imports.resolve("pdx-realm.json"));
        }
        ProcessBuilder pb = new ProcessBuilder(home.resolve("bin/kc.sh").toString(), "start-dev", "--import-realm",
                "--http-host=127.0.0.1", "--http-port=" + port, "--http-management-port=" + freePort(),
                "--proxy-headers=xforwarded", "--hostname-strict=false")
                .redirectErrorStream(true).redirectOutput(Path.of("target", "keycloak.log").toFile());
        pb.environment().put("JAVA_HOME", java21().orElseThrow().toString());
        return pb.start();
    }

    /** Stops a Keycloak this class launched, with the JVM kc.sh started under it. */
    static void stop(Process keycloak) {
        keycloak.descendants().forEach(ProcessHandle::destroy);
        keycloak.destroy();
        try {
            keycloak.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        keycloak.descendants().forEach(ProcessHandle::destroyForcibly);
        keycloak.destroyForcibly();
    }

    private Map<String, String> config() {
        return Map.of("pdx.console.oidc.auth-server-url", issuer(),
                "pdx.console.oidc.client-id", "pdx-console",
                "pdx.console.oidc.secret", CLIENT_SECRET,
                "pdx.console.oidc.provider-name", "Keycloak",
                "pdx.console.oidc.organisations", "11513300MB0000002H,11513300MB0000003L",
                "keycloak-test.issuer", issuer());
    }

    private String issuer() {
        return "http://127.0.0.1:" + middle.getAddress().getPort() + "/realms/" + REALM;
    }

    @Override
    public void stop() {
        if (keycloak != null) {
            stop(keycloak);
        }
        if (middle != null) {
            middle.stop(0);
        }
    }

    private void relay(HttpExchange ex) throws IOException {
        try (ex) {
            String pathAndQuery = ex.getRequestURI().getRawPath() + (ex.getRequestURI().getRawQuery() == null ? "" : "?" + ex.getRequestURI().getRawQuery());
            if (ex.getRequestURI().getPath().equals("/__mode")) {
                mode = Mode.valueOf(ex.getRequestURI().getQuery());
                ex.sendResponseHeaders(204, -1);
                return;
            }
            Mode now = mode;
            boolean authorize = pathAndQuery.contains("/protocol/openid-connect/auth");
            boolean token = ex.getRequestURI().getPath().endsWith("/protocol/openid-connect/token");
            if (now == Mode.WRONG_AUDIENCE && authorize) {
                pathAndQuery = pathAndQuery.replace("client_id=pdx-console", "client_id=other-app");
            }
            if (now == Mode.EXPIRED && authorize) {
                pathAndQuery = pathAndQuery.replace("client_id=pdx-console", "client_id=pdx-console-brief");
            }
            byte[] body = ex.getRequestBody().readAllBytes();
            if (now == Mode.WRONG_ISSUER && token) {
                body = "grant_type=password&username=wang.fang&password=wang-fang-oidc-2026&scope=openid".getBytes(StandardCharsets.UTF_8);
            }
            HttpRequest.Builder up = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + keycloakPort + pathAndQuery))
                    .method(ex.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
            ex.getRequestHeaders().forEach((name, values) -> {
                if (!HOP_HEADERS.contains(name.toLowerCase())) {
                    values.forEach(v -> up.header(name, v));
                }
            });
            if (now == Mode.WRONG_AUDIENCE && token) {
                up.setHeader("Authorization", "Basic " + Base64.getEncoder().encodeToString("other-app:other-app-secret-2026".getBytes(StandardCharsets.UTF_8)));
            }
            if (now == Mode.EXPIRED && token) {
                up.setHeader("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        "pdx-console-brief:pdx-console-brief-secret-2026".getBytes(StandardCharsets.UTF_8)));
                body = new String(body, StandardCharsets.UTF_8).replace("client_id=pdx-console", "client_id=pdx-console-brief")
                        .getBytes(StandardCharsets.UTF_8);
            }
            boolean elsewhere = now == Mode.WRONG_ISSUER && token;
            up.setHeader("X-Forwarded-Host", elsewhere ? "issuer.attacker.example" : "127.0.0.1");
            up.setHeader("X-Forwarded-Port", elsewhere ? "443" : String.valueOf(middle.getAddress().getPort()));
            up.setHeader("X-Forwarded-Proto", elsewhere ? "https" : "http");
            HttpResponse<byte[]> answer = client.send(up.build(), HttpResponse.BodyHandlers.ofByteArray());
            byte[] out = answer.body();
            if (now == Mode.FOREIGN_KEY && token && answer.statusCode() == 200) {
                out = resignIdToken(new String(out, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
            }
            if (now == Mode.EXPIRED && token && answer.statusCode() == 200) {
                holdUntilExpired(new String(out, StandardCharsets.UTF_8));
            }
            answer.headers().map().forEach((name, values) -> {
                if (!HOP_HEADERS.contains(name.toLowerCase()) && !name.startsWith(":")) {
                    ex.getResponseHeaders().put(name, List.copyOf(values));
                }
            });
            ex.sendResponseHeaders(answer.statusCode(), out.length == 0 ? -1 : out.length);
            if (out.length > 0) {
                try (OutputStream o = ex.getResponseBody()) {
                    o.write(out);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            e.printStackTrace();
            ex.sendResponseHeaders(502, -1);
        }
    }

    /** The provider's answer is late: it reaches the node a second after its ID token's expiry. */
    private static void holdUntilExpired(String tokenResponse) throws InterruptedException {
        Matcher exp = Pattern.compile("\"exp\"\\s*:\\s*(\\d+)").matcher(idTokenPayload(tokenResponse));
        if (!exp.find()) {
            throw new IllegalStateException("the provider's ID token has no exp");
        }
        long late = Long.parseLong(exp.group(1)) * 1000 + 1000 - System.currentTimeMillis();
        if (late > 0) {
            TimeUnit.MILLISECONDS.sleep(late);
        }
    }

    private static String idTokenPayload(String tokenResponse) {
        Matcher m = Pattern.compile("\"id_token\":\"([^.\"]+)\\.([^.\"]+)\\.").matcher(tokenResponse);
        if (!m.find()) {
            throw new IllegalStateException("no ID token in the provider's answer");
        }
        return new String(Base64.getUrlDecoder().decode(m.group(2)), StandardCharsets.UTF_8);
    }

    /** The same header and claims, signed with a key the provider never published. */
    private String resignIdToken(String tokenResponse) {
        int at = tokenResponse.indexOf("\"id_token\":\"");
        if (at < 0) {
            return tokenResponse;
        }
        int start = at + "\"id_token\":\"".length();
        int end = tokenResponse.indexOf('"', start);
        String idToken = tokenResponse.substring(start, end);
        String signedPart = idToken.substring(0, idToken.lastIndexOf('.'));
        try {
            Signature rs256 = Signature.getInstance("SHA256withRSA");
            rs256.initSign(foreignKey.getPrivate());
            rs256.update(signedPart.getBytes(StandardCharsets.US_ASCII));
            String forged = signedPart + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(rs256.sign());
            return tokenResponse.substring(0, start) + forged + tokenResponse.substring(end);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair rsa() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int major(Path javaHome) {
        try {
            for (String line : Files.readAllLines(javaHome.resolve("release"))) {
                if (line.startsWith("JAVA_VERSION=")) {
                    String v = line.substring("JAVA_VERSION=".length()).replace("\"", "");
                    return Integer.parseInt(v.split("[.+]")[0]);
                }
            }
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
        return 0;
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
