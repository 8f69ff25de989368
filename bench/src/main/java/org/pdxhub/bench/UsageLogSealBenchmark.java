package org.pdxhub.bench;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.pdxhub.hub.audit.ChainWalk;
import org.pdxhub.hub.audit.Seal;
import org.pdxhub.hub.audit.UsageEntry;

import java.util.concurrent.TimeUnit;

/**
 * What sealing costs per usage-log entry: the canonical text of a typical gate entry, then plain
 * SHA-256 (the chain before sealing), HMAC-SHA256 (the default) and HMAC-SM3, each over that text;
 * and {@code sealEntry}, the whole per-entry work of an append (text, MAC, the sealed record).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms256m", "-Xmx256m"})
public class UsageLogSealBenchmark {

    private UsageEntry entry;
    private String text;
    private Seal hmacSha256;
    private Seal hmacSm3;

    @Setup
    public void setUp() {
        entry = UsageLogChainBench.entry(4_242_424, "b".repeat(64));
        text = ChainWalk.canonical(entry);
        hmacSha256 = new Seal(Seal.Algorithm.HMAC_SHA256, UsageLogChainBench.KEY);
        hmacSm3 = new Seal(Seal.Algorithm.HMAC_SM3, UsageLogChainBench.KEY);
    }

    @Benchmark
    public String canonicalText() {
        return ChainWalk.canonical(entry);
    }

    @Benchmark
    public String plainSha256() {
        return Seal.sha256(text);
    }

    @Benchmark
    public String hmacSha256() {
        return hmacSha256.seal(text);
    }

    @Benchmark
    public String hmacSm3() {
        return hmacSm3.seal(text);
    }

    @Benchmark
    public UsageEntry sealEntry() {
        return ChainWalk.seal(entry, hmacSha256);
    }
}
