package org.pdxhub.bench;

import org.openjdk.jmh.Main;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatFactory;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.NoBenchmarksException;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.CommandLineOptions;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What {@code ./hub bench} runs: the JMH suite with the given JMH options, then its results in
 * one folder as JMH's JSON and CSV, a {@code summary.csv} (benchmark, ops/s, error, unit), a
 * throughput chart ({@code throughput.png}), and the table printed. JMH writes one result format
 * per run, so the formats are written here from the run's results.
 * <p>
 * Usage: {@code Suite --results DIR [JMH options] [benchmark regexps]}.
 */
public final class Suite {

    /**
     * One line of the summary: a benchmark's throughput and, when {@link CpuTimeProfiler} ran, the
     * CPU share its JVM got and the throughput per CPU-second (NaN otherwise).
     */
    public record Row(String benchmark, double score, double error, String unit, double cpuShare, double perCpuSecond) {

        /** The name without the package, e.g. {@code GateRecordWorkBenchmark.validateAndMask}. */
        public String shortName() {
            return benchmark.startsWith("org.pdxhub.bench.") ? benchmark.substring("org.pdxhub.bench.".length()) : benchmark;
        }
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2 || !args[0].equals("--results")) {
            System.err.println("usage: Suite --results DIR [JMH options] [benchmark regexps]");
            System.exit(2);
        }
        Path dir = Path.of(args[1]);
        String[] jmhArgs = Arrays.copyOfRange(args, 2, args.length);
        CommandLineOptions options = new CommandLineOptions(jmhArgs);
        if (options.shouldHelp() || options.shouldList() || options.shouldListWithParams()
                || options.shouldListProfilers() || options.shouldListResultFormats()) {
            Main.main(jmhArgs);
            return;
        }
        Collection<RunResult> results;
        try {
            results = new Runner(options).run();
        } catch (NoBenchmarksException e) {
            results = List.of();
        }
        if (results.isEmpty()) {
            System.err.println("No benchmark ran: check the names or regexps given (./hub bench -l lists them).");
            System.exit(1);
        }
        Files.createDirectories(dir);
        ResultFormatFactory.getInstance(ResultFormatType.JSON, dir.resolve("jmh.json").toString()).writeOut(results);
        ResultFormatFactory.getInstance(ResultFormatType.CSV, dir.resolve("jmh.csv").toString()).writeOut(results);

        List<Row> rows = rows(results);
        Files.writeString(dir.resolve("summary.csv"), summaryCsv(rows), StandardCharsets.UTF_8);
        try {
            ThroughputChart.write(rows, title(dir), dir.resolve("throughput.png"));
        } catch (Exception | Error e) {
            // The figures matter more than the picture: a machine without fonts still gets its results.
            System.err.println("The chart could not be drawn (" + e + "); the CSV and JSON results are written.");
        }
        print(rows, System.out);
        System.out.println();
        System.out.println("Results in " + dir);
    }

    static String title(Path dir) {
        return "PDX Hub benchmarks, " + dir.toAbsolutePath().getFileName() + " (one thread, log scale)";
    }

    static List<Row> rows(Collection<RunResult> results) {
        List<Row> rows = new ArrayList<>();
        for (RunResult r : results) {
            String name = r.getParams().getBenchmark();
            Collection<String> params = r.getParams().getParamsKeys();
            if (!params.isEmpty()) {
                name += params.stream().map(k -> k + "=" + r.getParams().getParam(k)).collect(Collectors.joining(";", "[", "]"));
            }
            Result<?> share = r.getSecondaryResults().get("cpu.share");
            Result<?> perCpu = r.getSecondaryResults().get("ops.per.cpu.s");
            rows.add(new Row(name, r.getPrimaryResult().getScore(), r.getPrimaryResult().getScoreError(),
                    r.getPrimaryResult().getScoreUnit(), share == null ? Double.NaN : share.getScore(),
                    perCpu == null ? Double.NaN : perCpu.getScore()));
        }
        return rows;
    }

    static String summaryCsv(List<Row> rows) {
        StringBuilder out = new StringBuilder("benchmark,ops_per_s,error,unit,cpu_share,ops_per_cpu_s\n");
        for (Row row : rows) {
            out.append(row.shortName()).append(',').append(String.format(Locale.ROOT, "%.0f", row.score())).append(',')
                    .append(Double.isNaN(row.error()) ? "" : String.format(Locale.ROOT, "%.0f", row.error())).append(',')
                    .append(row.unit()).append(',')
                    .append(Double.isNaN(row.cpuShare()) ? "" : String.format(Locale.ROOT, "%.2f", row.cpuShare())).append(',')
                    .append(Double.isNaN(row.perCpuSecond()) ? "" : String.format(Locale.ROOT, "%.0f", row.perCpuSecond()))
                    .append('\n');
        }
        return out.toString();
    }

    static void print(List<Row> rows, PrintStream out) {
        int width = rows.stream().mapToInt(r -> r.shortName().length()).max().orElse(10);
        String format = "%-" + width + "s  %15s  %15s  %-6s  %9s  %15s%n";
        out.printf(Locale.ROOT, format, "Benchmark", "ops/s", "error (99.9%)", "unit", "CPU share", "ops per CPU-s");
        for (Row row : rows) {
            out.printf(Locale.ROOT, format, row.shortName(), String.format(Locale.ROOT, "%,.0f", row.score()),
                    Double.isNaN(row.error()) ? "" : "± " + String.format(Locale.ROOT, "%,.0f", row.error()), row.unit(),
                    Double.isNaN(row.cpuShare()) ? "" : String.format(Locale.ROOT, "%.2f", row.cpuShare()),
                    Double.isNaN(row.perCpuSecond()) ? "" : String.format(Locale.ROOT, "%,.0f", row.perCpuSecond()));
        }
    }

    private Suite() {
    }
}
