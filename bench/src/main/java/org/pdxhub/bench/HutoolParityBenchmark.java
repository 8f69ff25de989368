package org.pdxhub.bench;

import cn.hutool.core.util.DesensitizedUtil;
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
import org.openjdk.jmh.infra.Blackhole;
import org.pdxhub.plugin.FieldMasker;
import org.pdxhub.plugin.MaskRule;
import org.pdxhub.plugins.masking.KeepStrategy;

import java.util.concurrent.TimeUnit;

/**
 * The standard record's three masked text fields, masked by hutool's {@code DesensitizedUtil}
 * (the baseline Chinese projects use) and by our {@code keep} strategy with the rules that give
 * the same output: keep(6,4) on the citizen ID, keep(3,4) on the mobile, keep(1,0) on the name.
 * One operation is one record, three fields.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class HutoolParityBenchmark {

    private StandardRecords pool;
    private int cursor;
    private FieldMasker idMasker;
    private FieldMasker mobileMasker;
    private FieldMasker nameMasker;

    @Setup
    public void setUp() {
        pool = StandardRecords.generate(StandardRecords.POOL_SIZE, 9);
        KeepStrategy keep = new KeepStrategy();
        idMasker = keep.compile(MaskRule.parse("keep(6,4)").args(), null);
        mobileMasker = keep.compile(MaskRule.parse("keep(3,4)").args(), null);
        nameMasker = keep.compile(MaskRule.parse("keep(1,0)").args(), null);
        // Like for like: both sides must give the same text for every value of the pool.
        for (int i = 0; i < StandardRecords.POOL_SIZE; i++) {
            same(DesensitizedUtil.idCardNum(pool.citizenIds[i], 6, 4), idMasker.mask(pool.citizenIds[i]));
            same(DesensitizedUtil.mobilePhone(pool.mobiles[i]), mobileMasker.mask(pool.mobiles[i]));
            same(DesensitizedUtil.chineseName(pool.names[i]), nameMasker.mask(pool.names[i]));
        }
    }

    private static void same(String hutool, Object ours) {
        if (!hutool.equals(ours)) {
            throw new IllegalStateException("hutool gives " + hutool + " where keep gives " + ours + ": not the same masking");
        }
    }

    @Benchmark
    public void maskHutool(Blackhole bh) {
        int i = cursor++ & (StandardRecords.POOL_SIZE - 1);
        bh.consume(DesensitizedUtil.idCardNum(pool.citizenIds[i], 6, 4));
        bh.consume(DesensitizedUtil.mobilePhone(pool.mobiles[i]));
        bh.consume(DesensitizedUtil.chineseName(pool.names[i]));
    }

    @Benchmark
    public void maskPdx(Blackhole bh) {
        int i = cursor++ & (StandardRecords.POOL_SIZE - 1);
        bh.consume(idMasker.mask(pool.citizenIds[i]));
        bh.consume(mobileMasker.mask(pool.mobiles[i]));
        bh.consume(nameMasker.mask(pool.names[i]));
    }
}
