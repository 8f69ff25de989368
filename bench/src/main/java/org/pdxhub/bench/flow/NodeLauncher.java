package org.pdxhub.bench.flow;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A JVM started as a separate process, as {@code ./hub run} starts a node (the packaged
 * pdx-hub.jar) or as the harness starts its bare broker: its output in a log file, its
 * start-to-healthy time measured from the moment the process was started.
 */
final class NodeLauncher implements AutoCloseable {

    final Process process;
    final Path log;
    final long startedNanos;

    private NodeLauncher(Process process, Path log, long startedNanos) {
        this.process = process;
        this.log = log;
        this.startedNanos = startedNanos;
    }

    static NodeLauncher start(String java, List<String> jvmOptions, List<String> mainAndArgs, Path log) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(java);
        cmd.addAll(jvmOptions);
        cmd.addAll(mainAndArgs);
        Files.createDirectories(log.getParent());
        long started = System.nanoTime();
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        // Ctrl-C on the harness must not leave a node holding its ports and data folder.
        Runtime.getRuntime().addShutdownHook(new Thread(p::destroy));
        return new NodeLauncher(p, log, started);
    }

    /** Milliseconds from start until {@code url} answered 200; -1 if the process died or the time ran out. */
    long awaitHealthy(String url, Duration timeout) throws InterruptedException {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(500)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).build();
        long end = startedNanos + timeout.toNanos();
        while (System.nanoTime() < end && process.isAlive()) {
            try {
                if (client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return (System.nanoTime() - startedNanos) / 1_000_000;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(25);
        }
        return -1;
    }

    /** Waits until the log holds {@code line}; milliseconds from start, or -1. */
    long awaitLog(String line, Duration timeout) throws InterruptedException, IOException {
        long end = startedNanos + timeout.toNanos();
        while (System.nanoTime() < end && process.isAlive()) {
            if (Files.readString(log).contains(line)) {
                return (System.nanoTime() - startedNanos) / 1_000_000;
            }
            Thread.sleep(25);
        }
        return -1;
    }

    /**
     * CPU seconds the process's JIT compiler threads ({@code C1 CompilerThre…}, {@code C2 CompilerThre…})
     * have used so far, from {@code /proc} (Linux); -1 where that cannot be read. Read before and after a
     * phase, it says whether the phase measured a JVM that was still compiling.
     */
    double compilerCpuSeconds() {
        Path tasks = Path.of("/proc", Long.toString(process.pid()), "task");
        double ticks = 0;
        try (var dirs = Files.list(tasks)) {
            for (Path task : (Iterable<Path>) dirs::iterator) {
                String stat;
                try {
                    stat = Files.readString(task.resolve("stat"));
                } catch (IOException ended) {
                    continue; // the thread ended between the listing and the read
                }
                String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                if (name.startsWith("C1 ") || name.startsWith("C2 ")) {
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    ticks += Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime (fields 14 and 15)
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return ticks / 100.0; // USER_HZ is 100 on Linux
    }

    String output() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no output: " + e.getMessage() + ")";
        }
    }

    /** SIGTERM, then SIGKILL if it does not end within 20 s. */
    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }
}
