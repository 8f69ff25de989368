package org.pdxhub.bench;

import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

import java.lang.management.ManagementFactory;
import java.util.List;

/**
 * The CPU time the benchmark's JVM got during each iteration, for machines shared with builds
 * and tests: JMH's throughput is per second of wall-clock time, so it falls when other
 * processes take the cores, although the code did not change. This adds two results per
 * benchmark: {@code cpu.share}, the JVM's CPU seconds per wall-clock second (1 is one core all
 * the time; GC and JIT threads count too), and {@code ops.per.cpu.s}, throughput divided by that
 * share, which moves much less with the load. Enable it with
 * {@code -prof org.pdxhub.bench.CpuTimeProfiler} (./hub bench does).
 */
public final class CpuTimeProfiler implements InternalProfiler {

    private final com.sun.management.OperatingSystemMXBean os =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private long cpuStart;
    private long wallStart;

    @Override
    public String getDescription() {
        return "CPU time of the benchmark's JVM per iteration, and throughput per CPU-second";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
        cpuStart = os.getProcessCpuTime();
        wallStart = System.nanoTime();
    }

    @Override
    public List<? extends Result> afterIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams,
                                                 IterationResult result) {
        long wall = System.nanoTime() - wallStart;
        long cpu = os.getProcessCpuTime() - cpuStart;
        if (wall <= 0 || cpu <= 0) {
            return List.of();
        }
        double share = (double) cpu / wall;
        return List.of(new ScalarResult("cpu.share", share, "cpu-s/s", AggregationPolicy.AVG),
                new ScalarResult("ops.per.cpu.s", result.getPrimaryResult().getScore() / share,
                        result.getPrimaryResult().getScoreUnit().replace("/s", "/cpu-s"), AggregationPolicy.AVG));
    }
}
