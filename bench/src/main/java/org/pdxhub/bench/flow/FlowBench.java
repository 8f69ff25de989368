package org.pdxhub.bench.flow;

import org.apache.qpid.protonj2.client.Client;
import org.apache.qpid.protonj2.client.ClientOptions;
import org.apache.qpid.protonj2.client.Connection;
import org.apache.qpid.protonj2.client.ConnectionOptions;
import org.pdxhub.bench.StandardRecords;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The load harness for whole flows (issue 9), run by {@code ./hub bench} after the JMH suite or
 * alone by {@code ./hub bench flows}. Three flows side by side in one run, phase by phase, so
 * that a machine that gets busier affects them alike:
 * <ul>
 *   <li>{@code gate}: the packaged node (config/demo with the standard record as GZ-PSB-POP-001),
 *       AMQP to {@code pdx.in.GZ-PSB-POP-001}, the gate, {@code pdx.agg}, landed in the store;</li>
 *   <li>{@code camel}: a bare Camel route between two queues of an Artemis configured as the node's;</li>
 *   <li>{@code artemis}: Artemis alone, one queue, producer and consumer.</li>
 * </ul>
 * Then a 1,000,000-row CSV through the node's file connector, and the node's start-to-healthy time
 * with the JVM levers that need no code change. Results: table on standard output, CSV, HDR
 * histograms and {@code flows.png} in the results folder.
 */
public final class FlowBench {

    static final String RESOURCE = "GZ-PSB-POP-001";

    /** Options, each {@code --name value}. */
    static final class Options {
        Path results;
        Path repo = Path.of(".").toAbsolutePath().normalize();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String java25 = "/usr/lib/jvm/temurin-25-jdk-amd64/bin/java";
        String user = "11513300MB0000002H";
        String password = "demo-system";
        int rate = 1000;
        Duration warmup = Duration.ofSeconds(3);
        /**
         * Each flow's warm-up before anything is measured, half in batches of 100 and half in single
         * records, as fast as it goes. The node is a large program: with 4 s of batches it was still
         * compiling through the steady phase, and with 30 s still (bench/README.md, "A warm node").
         */
        Duration jitWarmup = Duration.ofSeconds(200);
        Duration measure = Duration.ofSeconds(10);
        int window = 20;
        int csvRows = 1_000_000;
        int startupRuns = 3;
        // The full list (--levers default,tiered1,appcds,appcds+tiered1,java25,java25+aot) takes 4 more minutes.
        List<String> levers = List.of("default", "appcds", "java25+aot");
        List<String> parts = List.of("flows", "csv", "startup");
        String nodeHeap = "-Xmx512m";
        /** One more JVM option for the node (a flight recording, say). */
        String nodeOpt;
        /** The node's store on PostgreSQL (user pdx, an empty database) instead of its own H2. */
        String pgUrl;

        /**
         * The collector ./hub run gives the node (its gc_options), given to the bare broker too so
         * that the ratios compare the same JVM settings; none when --node-opt names a collector.
         */
        List<String> gcOptions() {
            if (nodeOpt != null && nodeOpt.matches("-XX:\\+Use\\w+GC")) {
                return List.of();
            }
            return List.of("-XX:+UseParallelGC", "-XX:MetaspaceSize=256m");
        }

        /** Where the node's store is read from, as the node writes it. */
        String storeUrl(Path data) {
            return pgUrl != null ? pgUrl : LandedEnds.h2Url(data);
        }

        static Options parse(String[] args) {
            Options o = new Options();
            for (int i = 0; i + 1 < args.length; i += 2) {
                String v = args[i + 1];
                switch (args[i]) {
                    case "--results" -> o.results = Path.of(v);
                    case "--repo" -> o.repo = Path.of(v).toAbsolutePath().normalize();
                    case "--java25" -> o.java25 = v;
                    case "--user" -> o.user = v;
                    case "--password" -> o.password = v;
                    case "--rate" -> o.rate = Integer.parseInt(v);
                    case "--warmup" -> o.warmup = Duration.ofSeconds(Long.parseLong(v));
                    case "--jit-warmup" -> o.jitWarmup = Duration.ofSeconds(Long.parseLong(v));
                    case "--measure" -> o.measure = Duration.ofSeconds(Long.parseLong(v));
                    case "--window" -> o.window = Integer.parseInt(v);
                    case "--csv-rows" -> o.csvRows = Integer.parseInt(v);
                    case "--startup-runs" -> o.startupRuns = Integer.parseInt(v);
                    case "--levers" -> o.levers = List.of(v.split(","));
                    case "--parts" -> o.parts = List.of(v.split(","));
                    case "--node-heap" -> o.nodeHeap = v;
                    case "--pg-url" -> o.pgUrl = v;
                    case "--node-opt" -> o.nodeOpt = v;
                    default -> throw new IllegalArgumentException("unknown option " + args[i]
                            + " (--results --repo --user --password --rate --warmup --jit-warmup --measure --window --csv-rows"
                            + " --startup-runs --levers --parts --node-heap --java25 --pg-url --node-opt)");
                }
            }
            if (o.results == null) {
                throw new IllegalArgumentException("--results DIR is required");
            }
            return o;
        }
    }

    public static void main(String[] args) throws Exception {
        Options o = Options.parse(args);
        Files.createDirectories(o.results);
        Path work = Files.createTempDirectory("pdx-bench-");
        Report report = new Report(o.results);
        try {
            if (o.parts.contains("flows") || o.parts.contains("csv")) {
                flowsAndCsv(o, work, report);
            }
            if (o.parts.contains("startup")) {
                report.startup = Startup.measure(o, work.resolve("startup"), nodeJar(o));
            }
        } finally {
            report.write();
            report.print(System.out);
            deleteTree(work);
        }
    }

    static Path nodeJar(Options o) {
        Path jar = o.repo.resolve("hub-runtime/target/pdx-hub.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build the node first (mvn -s .mvn/settings.xml -B -DskipTests package -pl hub-runtime -am)");
        }
        return jar;
    }

    /** The demo configuration with the standard record as the population resource. */
    static Path nodeConfig(Options o, Path work) throws IOException {
        Path config = Files.createDirectories(work.resolve("config"));
        for (String f : List.of("node.properties", "seed.json", "masking-profiles.json")) {
            Files.copy(o.repo.resolve("config/demo").resolve(f), config.resolve(f));
        }
        Files.copy(o.repo.resolve("bench/node/catalog.json"), config.resolve("catalog.json"));
        return config;
    }

    /** The bare broker's JVM: the node's heap and collector. */
    static List<String> bareOptions(Options o, String benchJar) {
        List<String> opts = new ArrayList<>(List.of(o.nodeHeap));
        opts.addAll(o.gcOptions());
        opts.addAll(List.of("-cp", benchJar));
        return opts;
    }

    /** The node's command line: ./hub run's, on free ports, with the store readable from here and a file connector. */
    static List<String> nodeOptions(Options o, Path config, Path data, Map<String, Integer> ports, Path drop) {
        List<String> opts = new ArrayList<>(List.of(
                o.nodeHeap,
                "-Dpdx.config-dir=" + config,
                "-Dpdx.data-dir=" + data,
                "-Dquarkus.config.locations=" + config.resolve("node.properties"),
                "-Dpdx.calendar.file=" + o.repo.resolve("config/calendar/cn-official-holidays.csv"),
                "-Dquarkus.http.port=" + ports.get("http"),
                "-Dpdx.broker.core-port=" + ports.get("core"),
                "-Dpdx.broker.amqp-port=" + ports.get("amqp"),
                "-Dpdx.cluster.port=" + ports.get("cluster")));
        opts.addAll(o.gcOptions());
        if (o.nodeOpt != null) {
            opts.add(o.nodeOpt);
        }
        if (drop != null) {
            if (o.pgUrl != null) {
                opts.add("-Dquarkus.datasource.h2.active=false");
                opts.add("-Dquarkus.datasource.pg.active=true");
                opts.add("-Dquarkus.datasource.pg.jdbc.url=" + o.pgUrl);
                opts.add("-Dquarkus.datasource.pg.username=pdx");
                opts.add("-Dquarkus.datasource.pg.password=");
            } else {
                opts.add("-Dquarkus.datasource.h2.jdbc.url=" + LandedEnds.h2Url(data));
            }
            opts.add("-Dpdx.connectors.bench-drop.kind=file");
            opts.add("-Dpdx.connectors.bench-drop.folder=" + drop);
            opts.add("-Dpdx.connectors.bench-drop.resource=" + RESOURCE);
            opts.add("-Dpdx.connectors.bench-drop.person=bench");
            opts.add("-Dpdx.connectors.bench-drop.purpose=benchmark");
            opts.add("-Dpdx.connectors.bench-drop.poll=250ms");
        }
        return opts;
    }

    static Map<String, Integer> freePorts(String... names) throws IOException {
        Map<String, Integer> ports = new LinkedHashMap<>();
        List<ServerSocket> held = new ArrayList<>();
        try {
            for (String n : names) {
                ServerSocket s = new ServerSocket(0);
                held.add(s);
                ports.put(n, s.getLocalPort());
            }
        } finally {
            for (ServerSocket s : held) {
                s.close();
            }
        }
        return ports;
    }

    private static void flowsAndCsv(Options o, Path work, Report report) throws Exception {
        Path config = nodeConfig(o, work);
        Path data = work.resolve("node-data");
        Path drop = Files.createDirectories(work.resolve("drop"));
        Map<String, Integer> nodePorts = freePorts("http", "core", "amqp", "cluster");
        Map<String, Integer> barePorts = freePorts("core", "amqp");
        String benchJar = Path.of(FlowBench.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        System.out.println("Starting the node and the bare broker (logs in " + work + ")...");
        try (NodeLauncher node = NodeLauncher.start(o.java, nodeOptions(o, config, data, nodePorts, drop),
                List.of("-jar", nodeJar(o).toString()), work.resolve("node.log"));
             NodeLauncher bare = NodeLauncher.start(o.java, bareOptions(o, benchJar),
                     List.of(BareNode.class.getName(), work.resolve("bare-data").toString(),
                             barePorts.get("core").toString(), barePorts.get("amqp").toString()), work.resolve("bare.log"))) {
            long healthy = node.awaitHealthy("http://127.0.0.1:" + nodePorts.get("http") + "/q/health", Duration.ofSeconds(300));
            if (healthy < 0 || bare.awaitLog(BareNode.READY, Duration.ofSeconds(300)) < 0) {
                Files.copy(node.log, o.results.resolve("node.log"), StandardCopyOption.REPLACE_EXISTING);
                Files.copy(bare.log, o.results.resolve("bare.log"), StandardCopyOption.REPLACE_EXISTING);
                throw new IllegalStateException("the node or the bare broker did not start; their logs are in " + o.results);
            }
            try {
                if (o.parts.contains("flows")) {
                    flows(o, data, nodePorts, barePorts, report, node);
                }
                if (o.parts.contains("csv")) {
                    report.csv = csv(o, work, data, drop, node);
                }
            } finally {
                Files.copy(node.log, o.results.resolve("node.log"), StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    private static void flows(Options o, Path data, Map<String, Integer> nodePorts, Map<String, Integer> barePorts,
                              Report report, NodeLauncher node) throws Exception {
        StandardRecords pool = StandardRecords.generate(StandardRecords.POOL_SIZE, 9L);
        List<byte[]> singles = StandardBodies.of(pool, 1);
        List<byte[]> batches = StandardBodies.of(pool, 100);
        String runId = UUID.randomUUID().toString().substring(0, 8);
        ConnectionOptions credentials = new ConnectionOptions().user(o.user).password(o.password);
        try (Client client = Client.create(new ClientOptions().id("pdx-bench"));
             Connection toNode = client.connect("127.0.0.1", nodePorts.get("amqp"), credentials);
             Connection toBare = client.connect("127.0.0.1", barePorts.get("amqp"), credentials);
             Connection fromBare = client.connect("127.0.0.1", barePorts.get("amqp"), credentials)) {
            Map<String, Flow> flows = new LinkedHashMap<>();
            flows.put("artemis", new Flow(toBare, BareNode.DIRECT, new ReceiverEnds(fromBare, BareNode.DIRECT)));
            flows.put("camel", new Flow(toBare, BareNode.IN, new ReceiverEnds(fromBare, BareNode.OUT)));
            flows.put("gate", new Flow(toNode, "pdx.in." + RESOURCE, new LandedEnds(o.storeUrl(data), o.user)));
            Duration none = Duration.ZERO;
            // Phase by phase, each flow in turn: warm the JIT of all three, then measure.
            Duration halfWarmup = o.jitWarmup.dividedBy(2);
            List<Phase> phases = List.of(
                    new Phase("warmup", 100, 0, false, none, halfWarmup),
                    new Phase("warmup1", 1, 0, false, none, halfWarmup),
                    new Phase("rate" + o.rate, 1, o.rate, true, o.warmup, o.measure),
                    new Phase("max100", 100, 0, true, Duration.ofSeconds(2), o.measure),
                    new Phase("max1", 1, 0, true, Duration.ofSeconds(2), o.measure));
            // A flow that fell behind is drained (FlowRun.drain) before the next phase: every phase is measured.
            for (Phase p : phases) {
                for (var f : flows.entrySet()) {
                    FlowRun.Spec spec = new FlowRun.Spec(f.getKey(), p.name, f.getValue().address, p.perMessage, p.rate,
                            o.window, p.warmup, p.measure);
                    System.out.printf("  %-8s %-9s ...", f.getKey(), p.name);
                    double compiling = node.compilerCpuSeconds();
                    FlowRun.Outcome out = FlowRun.run(spec, f.getValue().sender, p.perMessage == 1 ? singles : batches,
                            f.getValue().ends, runId);
                    compiling = node.compilerCpuSeconds() - compiling;
                    System.out.printf(" %,.0f records/s, p99 %.2f ms, %d lost; the node's JIT compiled for %.1f s of CPU%n",
                            out.recordsPerSecond(), out.latencyMicros().getValueAtPercentile(99) / 1000.0, out.lost(), compiling);
                    if (p.kept) {
                        report.flows.add(out);
                    }
                }
            }
        }
    }

    private record Flow(Connection sender, String address, FlowRun.Ends ends) {
    }

    private record Phase(String name, int perMessage, int rate, boolean kept, Duration warmup, Duration measure) {
    }

    /** What the 1,000,000-row file measured. */
    record CsvOutcome(int rows, long bytes, double generateSeconds, long batches, long records, double seconds,
                      double firstLandedSeconds, boolean complete, Accounting accounting) {
    }

    /**
     * Where every row of the file went, from the node's usage log (one entry per batch, with the
     * records it passed and rejected) and its landed messages: a row is landed, refused with a
     * reason (in pdx.dlq), or not accounted for. {@code heldNow} is how many dataset rows still
     * hold a row of the file: fewer than {@code landed} when a later message, of the flows before,
     * landed a newer version of the same key.
     */
    record Accounting(long landed, long refusedOneByOne, long refusedWhole, long heldNow) {

        long unaccounted(int rows) {
            return rows - landed - refusedOneByOne - refusedWhole;
        }
    }

    private static CsvOutcome csv(Options o, Path work, Path data, Path drop, NodeLauncher node) throws Exception {
        StandardRecords pool = StandardRecords.generate(StandardRecords.POOL_SIZE, 11L);
        Path staged = work.resolve("staged.csv");
        long g0 = System.nanoTime();
        long bytes = CsvFile.write(staged, o.csvRows, pool);
        double generated = (System.nanoTime() - g0) / 1e9;
        long expectedBatches = (o.csvRows + 499) / 500;
        System.out.printf("  csv: %,d rows, %,d bytes written in %.1f s; dropping it into the connector's folder...%n",
                o.csvRows, bytes, generated);
        LandedEnds store = new LandedEnds(o.storeUrl(data), o.user);
        long dropped = FlowRun.wallNanos(System.nanoTime());
        // A rename into the folder: the connector never sees half a file.
        Files.move(staged, drop.resolve("population-" + o.csvRows + ".csv"), StandardCopyOption.ATOMIC_MOVE);
        long deadline = System.nanoTime() + Duration.ofSeconds(300).toNanos();
        long batches = 0;
        try (var c = store.connect(); Statement s = c.createStatement()) {
            while (System.nanoTime() < deadline && node.process.isAlive()) {
                try (ResultSet rs = s.executeQuery("select count(*) from landed_message where message_id like 'file-%'")) {
                    rs.next();
                    batches = rs.getLong(1);
                }
                if (batches >= expectedBatches) {
                    break;
                }
                Thread.sleep(100);
            }
            long first;
            long last;
            try (ResultSet rs = s.executeQuery("select min(landed_at), max(landed_at) from landed_message where message_id like 'file-%'")) {
                rs.next();
                first = nanos(rs.getObject(1, OffsetDateTime.class));
                last = nanos(rs.getObject(2, OffsetDateTime.class));
            }
            long records;
            try (ResultSet rs = s.executeQuery("select count(*) from dataset_record where message_id like 'file-%'")) {
                rs.next();
                records = rs.getLong(1);
            }
            Accounting accounting;
            try (ResultSet rs = s.executeQuery("select"
                    + " coalesce(sum(case when u.decision = 'DELIVERED' and l.message_id is not null then u.record_count end), 0),"
                    + " coalesce(sum(case when u.decision = 'DELIVERED' then u.rejected_count end), 0),"
                    + " coalesce(sum(case when u.decision = 'REFUSED' then u.record_count + u.rejected_count end), 0)"
                    + " from usage_log u left join landed_message l on l.message_id = u.message_id and l.sender_org = u.organisation"
                    + " where u.message_id like 'file-%' and u.destination = 'AGGREGATION'")) {
                rs.next();
                accounting = new Accounting(rs.getLong(1), rs.getLong(2), rs.getLong(3), records);
            }
            return new CsvOutcome(o.csvRows, bytes, generated, batches, records, (last - dropped) / 1e9,
                    (first - dropped) / 1e9, batches >= expectedBatches, accounting);
        }
    }

    private static long nanos(OffsetDateTime t) {
        return t == null ? 0 : t.toInstant().getEpochSecond() * 1_000_000_000L + t.toInstant().getNano();
    }

    static void deleteTree(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temporary folder; the system cleans it in the end
        }
    }

    static String read(Path p) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    private FlowBench() {
    }
}
