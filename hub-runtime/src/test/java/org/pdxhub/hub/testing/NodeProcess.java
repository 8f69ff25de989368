package org.pdxhub.hub.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A node started from the packaged jar as a separate process, the way ./hub run starts it,
 * on free ports. For tests that must see what an operator sees: start-up, refusals, shutdown.
 */
public final class NodeProcess implements AutoCloseable {

    private final Process process;
    private final Path output;
    public final int httpPort;
    public final int corePort;
    public final int amqpPort;
    public final int clusterPort;

    private NodeProcess(Process process, Path output, int httpPort, int corePort, int amqpPort, int clusterPort) {
        this.process = process;
        this.output = output;
        this.httpPort = httpPort;
        this.corePort = corePort;
        this.amqpPort = amqpPort;
        this.clusterPort = clusterPort;
    }

    public static Path repo() {
        return Path.of(System.getProperty("pdx.repo", "..")).toAbsolutePath().normalize();
    }

    /** Starts a node with {@code config} (a folder under config/) and extra system properties. */
    public static NodeProcess start(String config, Path dataDir, Map<String, String> overrides) throws IOException {
        return start(repo().resolve("config").resolve(config), dataDir, overrides);
    }

    /** Starts a node with the configuration folder {@code configDir}, on free ports. */
    public static NodeProcess start(Path configDir, Path dataDir, Map<String, String> overrides) throws IOException {
        return start(configDir, dataDir, Ports.free(), overrides);
    }

    /** The ports a node opens, fixed before it starts: cluster members must know each other's. */
    public record Ports(int http, int core, int amqp, int cluster) {
        public static Ports free() throws IOException {
            return new Ports(freePort(), freePort(), freePort(), freePort());
        }
    }

    /**
     * JVM options for every node an IT starts, from {@code pdx.it.node-jvm-options} (the build sets
     * {@code -XX:TieredStopAtLevel=1}): C1 only, as Quarkus's dev mode runs, because on two cores
     * the ITs wait on their nodes' start-ups, two thirds of whose CPU is C2's (bench/README.md).
     * What the node does is the same bytecode either way.
     */
    private static final List<String> JVM_OPTIONS = Arrays.stream(System.getProperty("pdx.it.node-jvm-options", "").trim().split("\\s+"))
            .filter(o -> !o.isEmpty()).toList();

    /**
     * A class-data-sharing archive of the jar under test (the JDK's dynamic AppCDS, as {@code ./hub run} keeps beside
     * the jar), made once by a throwaway start of the demo node and given to every node started after it. On two
     * cores a node's start is mostly loading classes, and the ITs start about thirty: a fresh demo node on C1 took
     * 17.6 s to healthy and 21 s of CPU without it, 12.5 s and 14 s with it (median of four, side by side). Best
     * effort: when the archive cannot be made, nodes start without it; the JVM ignores an archive that does not
     * match its jar or JDK. What a node does is the same either way; {@code -Dpdx.it.start-archive=false} starts
     * nodes without it.
     */
    private static final class StartArchive {
        static final List<String> OPTIONS = make();

        private static List<String> make() {
            if (!Boolean.parseBoolean(System.getProperty("pdx.it.start-archive", "true"))) {
                return List.of();
            }
            Path jar = Path.of(System.getProperty("pdx.runner", "target/pdx-hub.jar")).toAbsolutePath();
            Path archive = jar.resolveSibling(jar.getFileName() + ".it.jsa");
            List<String> use = List.of("-XX:SharedArchiveFile=" + archive, "-Xlog:cds=off", "-Xlog:cds+dynamic=off");
            try {
                if (Files.isRegularFile(archive) && Files.getLastModifiedTime(archive).compareTo(Files.getLastModifiedTime(jar)) > 0) {
                    return use;
                }
                Path recording = jar.resolveSibling(jar.getFileName() + ".it.jsa.tmp");
                Files.deleteIfExists(recording);
                Path data = Files.createTempDirectory("pdx-archive");
                long began = System.nanoTime();
                List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xmx256m", "-XX:ArchiveClassesAtExit=" + recording, "-Xlog:cds=off", "-Xlog:cds+dynamic=off"));
                cmd.addAll(JVM_OPTIONS);
                cmd.add("-jar");
                cmd.add(jar.toString());
                // Not through start(): that would ask for this archive while it is being made.
                Ports ports = Ports.free();
                Path config = repo().resolve("config/demo");
                cmd.addAll(1, List.of("-Dpdx.config-dir=" + config, "-Dpdx.data-dir=" + data,
                        "-Dquarkus.config.locations=" + config.resolve("node.properties"), "-Dquarkus.http.port=" + ports.http(),
                        "-Dpdx.broker.core-port=" + ports.core(), "-Dpdx.broker.amqp-port=" + ports.amqp(),
                        "-Dpdx.cluster.port=" + ports.cluster()));
                Path out = logFile("pdx-archive");
                try (NodeProcess node = new NodeProcess(new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile()).start(),
                        out, ports.http(), ports.core(), ports.amqp(), ports.cluster())) {
                    if (node.awaitHealthy(Duration.ofSeconds(180)) && node.terminate(Duration.ofSeconds(120)) != -1
                            && Files.size(recording) > 0) {
                        Files.move(recording, archive, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                        System.out.printf("IT nodes: class-data archive %s made in %d s%n", archive.getFileName(),
                                TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - began));
                        deleteTree(data);
                        Files.delete(out);
                        return use;
                    }
                }
                System.out.println("IT nodes: no class-data archive (the throwaway start did not become healthy and stop; see " + out + ")");
            } catch (IOException e) {
                System.out.println("IT nodes: no class-data archive: " + e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return List.of();
        }
    }

    /** Deletes a folder and all it holds; nothing when it does not exist. */
    public static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (var paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /** Starts a node on the ports given, e.g. again on the same ones after it was stopped. */
    public static NodeProcess start(Path configDir, Path dataDir, Ports ports, Map<String, String> overrides) throws IOException {
        int http = ports.http();
        int core = ports.core();
        int amqp = ports.amqp();
        int cluster = ports.cluster();
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "-Dpdx.config-dir=" + configDir,
                "-Dpdx.data-dir=" + dataDir.toAbsolutePath(),
                "-Dquarkus.config.locations=" + configDir.resolve("node.properties"),
                "-Dquarkus.http.port=" + http,
                "-Dpdx.broker.core-port=" + core,
                "-Dpdx.broker.amqp-port=" + amqp,
                "-Dpdx.cluster.port=" + cluster));
        overrides.forEach((k, v) -> cmd.add("-D" + k + "=" + v));
        cmd.addAll(JVM_OPTIONS);
        cmd.addAll(StartArchive.OPTIONS);
        cmd.add("-jar");
        cmd.add(System.getProperty("pdx.runner", "target/pdx-hub.jar"));
        Path out = logFile("pdx-node");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        return new NodeProcess(p, out, http, core, amqp, cluster);
    }

    /**
     * A new file for a node's output under {@code target/node-logs}: beside the test reports when a
     * test fails, and gone with the build folder (in /tmp, every IT run left a few dozen behind).
     */
    private static Path logFile(String prefix) throws IOException {
        return Files.createTempFile(Files.createDirectories(Path.of("target", "node-logs")), prefix, ".log");
    }

    /** Waits until /q/health answers 200, or the process ends, or the timeout passes. */
    public boolean awaitHealthy(Duration timeout) throws InterruptedException {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end && process.isAlive()) {
            try {
                var response = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/q/health")).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return true;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        return false;
    }

    /** Waits for the process to end by itself; returns its exit code, or -1 if it is still running. */
    public int awaitExit(Duration timeout) throws InterruptedException {
        return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS) ? process.exitValue() : -1;
    }

    /** SIGTERM, as Ctrl-C or a service manager would; returns the exit code or -1 if it hangs. */
    public int terminate(Duration timeout) throws InterruptedException {
        process.destroy();
        return awaitExit(timeout);
    }

    /** SIGKILL, as a crash or {@code kill -9}: no shutdown hook runs. Returns the exit code (137). */
    public int kill(Duration timeout) throws InterruptedException {
        process.destroyForcibly();
        return awaitExit(timeout);
    }

    public Ports ports() {
        return new Ports(httpPort, corePort, amqpPort, clusterPort);
    }

    public long pid() {
        return process.pid();
    }

    public String output() throws IOException {
        return Files.readString(output);
    }

    public String get(String path, String key) throws IOException, InterruptedException {
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path));
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        // One client, and the wait bounded from outside: a client made per call and dropped while
        // its request was in flight once left an IT waiting for ever.
        try {
            return HTTP.sendAsync(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString())
                    .get(60, TimeUnit.SECONDS).body();
        } catch (ExecutionException | TimeoutException e) {
            throw new IOException("GET " + path + " on port " + httpPort + " did not answer: " + e, e);
        }
    }

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** Ports handed out in this JVM: the OS may offer a closed one again (CI saw one node's HTTP port given to another's cluster). */
    private static final java.util.Set<Integer> HANDED_OUT = java.util.concurrent.ConcurrentHashMap.newKeySet();

    public static int freePort() throws IOException {
        while (true) {
            try (ServerSocket s = new ServerSocket(0)) {
                if (HANDED_OUT.add(s.getLocalPort())) {
                    return s.getLocalPort();
                }
            }
        }
    }
}
