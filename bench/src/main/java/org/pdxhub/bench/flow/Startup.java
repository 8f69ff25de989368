package org.pdxhub.bench.flow;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Start-to-healthy time of the packaged node: from the process's start until {@code /q/health}
 * answers 200, the median of several starts on a data folder that an earlier start has already
 * seeded (a restart, as an operator sees it), for each JVM lever that needs no code change.
 */
final class Startup {

    /** One lever's starts, in milliseconds; -1 for a start that did not become healthy. */
    record Row(String lever, long[] millis, String note) {

        long median() {
            long[] ok = Arrays.stream(millis).filter(m -> m >= 0).sorted().toArray();
            return ok.length == 0 ? -1 : ok[ok.length / 2];
        }
    }

    private Startup() {
    }

    static List<Row> measure(FlowBench.Options o, Path dir, Path jar) throws Exception {
        Path config = FlowBench.nodeConfig(o, Files.createDirectories(dir));
        Path data = dir.resolve("data");
        List<Row> rows = new ArrayList<>();
        System.out.println("Start-to-healthy, " + o.startupRuns + " starts per lever:");
        long seeding = start(o, o.java, List.of(), config, data, jar, dir.resolve("first.log"), o.results.resolve("startup-first.log"));
        System.out.printf("  first start (seeds the store, not counted): %d ms%n", seeding);
        Path jsa = dir.resolve("node.jsa");
        Path aot = dir.resolve("node.aot");
        boolean java25 = Files.isExecutable(Path.of(o.java25));
        for (String lever : o.levers) {
            String java = lever.startsWith("java25") ? o.java25 : o.java;
            List<String> extra = new ArrayList<>();
            String note = "";
            if (lever.startsWith("java25") && !java25) {
                rows.add(new Row(lever, new long[0], o.java25 + " not found"));
                continue;
            }
            if (lever.contains("tiered1")) {
                extra.add("-XX:TieredStopAtLevel=1");
            }
            if (lever.contains("appcds")) {
                if (!Files.exists(jsa)) {
                    long t = start(o, java, List.of("-XX:ArchiveClassesAtExit=" + jsa), config, data, jar, dir.resolve("jsa.log"), null);
                    note = "archive made by one start and stop (" + t + " ms to healthy, "
                            + (Files.exists(jsa) ? Files.size(jsa) / 1_048_576 + " MiB" : "no archive written") + ")";
                }
                extra.add("-XX:SharedArchiveFile=" + jsa);
            }
            if (lever.contains("aot")) {
                if (!Files.exists(aot)) {
                    long t = start(o, java, List.of("-XX:AOTCacheOutput=" + aot), config, data, jar, dir.resolve("aot.log"), null);
                    note = "AOT cache (JEP 514) made by one start and stop (" + t + " ms to healthy, "
                            + (Files.exists(aot) ? Files.size(aot) / 1_048_576 + " MiB" : "no cache written") + ")";
                }
                extra.add("-XX:AOTCache=" + aot);
            }
            long[] millis = new long[o.startupRuns];
            for (int i = 0; i < millis.length; i++) {
                millis[i] = start(o, java, extra, config, data, jar, dir.resolve(lever + "-" + i + ".log"),
                        i == 0 && lever.equals("default") ? o.results.resolve("startup-default.log") : null);
            }
            Row row = new Row(lever, millis, note);
            System.out.printf("  %-16s median %5d ms  %s%s%n", lever, row.median(), Arrays.toString(millis),
                    note.isEmpty() ? "" : "  " + note);
            rows.add(row);
        }
        return rows;
    }

    /** One start: milliseconds to healthy, then SIGTERM and wait for the end (which writes a CDS archive or AOT cache). */
    private static long start(FlowBench.Options o, String java, List<String> extra, Path config, Path data, Path jar,
                              Path log, Path keepLog) throws Exception {
        Map<String, Integer> ports = FlowBench.freePorts("http", "core", "amqp", "cluster");
        List<String> options = new ArrayList<>(extra);
        options.addAll(FlowBench.nodeOptions(o, config, data, ports, null));
        long millis;
        try (NodeLauncher node = NodeLauncher.start(java, options, List.of("-jar", jar.toString()), log)) {
            millis = node.awaitHealthy("http://127.0.0.1:" + ports.get("http") + "/q/health", Duration.ofSeconds(300));
            node.process.destroy();
            node.process.waitFor(60, TimeUnit.SECONDS);
            if (millis < 0) {
                System.err.println("  a start did not become healthy; its log: " + log + "\n" + node.output());
            }
        }
        if (keepLog != null) {
            Files.copy(log, keepLog, StandardCopyOption.REPLACE_EXISTING);
        }
        return millis;
    }
}
