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
import org.pdxhub.plugin.FieldMasker;
import org.pdxhub.plugin.MaskRule;
import org.pdxhub.plugin.MaskingStrategy;
import org.pdxhub.plugin.Registry;

import java.util.concurrent.TimeUnit;

/**
 * Each masking strategy alone, one value per operation, compiled once from its rule as the gate
 * compiles it, on the kind of value it is meant for.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class MaskingStrategyBenchmark {

    private static final int MASK = StandardRecords.POOL_SIZE - 1;

    private StandardRecords pool;
    private int cursor;
    private FieldMasker keep;
    private FieldMasker suppress;
    private FieldMasker dateYear;
    private FieldMasker dateAgeBand;
    private FieldMasker address;
    private FieldMasker range;
    private FieldMasker pseudonymSm3;
    private FieldMasker pseudonymSha256;
    private FieldMasker fpeCitizenId;
    private FieldMasker fpeUscc;
    private FieldMasker encryptSm4;
    private FieldMasker encryptAesGcm;

    @Setup
    public void setUp() {
        pool = StandardRecords.generate(StandardRecords.POOL_SIZE, 13);
        Registry<MaskingStrategy> strategies = GateRecordWork.strategies();
        FixedKeys keys = new FixedKeys();
        keep = compile(strategies, "keep(3,4)", keys);
        suppress = compile(strategies, "suppress", keys);
        dateYear = compile(strategies, "generalise-date(year)", keys);
        dateAgeBand = compile(strategies, "generalise-date(age-band,10)", keys);
        address = compile(strategies, "generalise-address(county)", keys);
        range = compile(strategies, "range(1000)", keys);
        pseudonymSm3 = compile(strategies, "pseudonym(sm3)", keys);
        pseudonymSha256 = compile(strategies, "pseudonym(sha256)", keys);
        fpeCitizenId = compile(strategies, "fpe-citizen-id", keys);
        fpeUscc = compile(strategies, "fpe-uscc", keys);
        encryptSm4 = compile(strategies, "encrypt(sm4," + FixedKeys.KEY_ID + ")", keys);
        encryptAesGcm = compile(strategies, "encrypt(aes-gcm," + FixedKeys.KEY_ID + ")", keys);
        // A strategy that suppresses what it cannot read would be measured doing nothing.
        for (int i = 0; i < StandardRecords.POOL_SIZE; i++) {
            read(address.mask(pool.addresses[i]), "generalise-address");
            read(fpeCitizenId.mask(pool.citizenIds[i]), "fpe-citizen-id");
            read(fpeUscc.mask(pool.usccs[i]), "fpe-uscc");
            read(dateAgeBand.mask(pool.birthDates[i]), "generalise-date(age-band)");
        }
    }

    private static FieldMasker compile(Registry<MaskingStrategy> strategies, String text, FixedKeys keys) {
        MaskRule rule = MaskRule.parse(text);
        return strategies.get(rule.strategy()).compile(rule.args(), keys);
    }

    private static void read(Object masked, String strategy) {
        if (masked == null) {
            throw new IllegalStateException(strategy + " suppressed a value of the pool: fix the generator");
        }
    }

    private int next() {
        return cursor++ & MASK;
    }

    @Benchmark
    public Object keep() {
        return keep.mask(pool.mobiles[next()]);
    }

    @Benchmark
    public Object suppress() {
        return suppress.mask(pool.names[next()]);
    }

    @Benchmark
    public Object generaliseDateYear() {
        return dateYear.mask(pool.birthDates[next()]);
    }

    @Benchmark
    public Object generaliseDateAgeBand() {
        return dateAgeBand.mask(pool.birthDates[next()]);
    }

    @Benchmark
    public Object generaliseAddress() {
        return address.mask(pool.addresses[next()]);
    }

    @Benchmark
    public Object range() {
        return range.mask(pool.amounts[next()]);
    }

    @Benchmark
    public Object pseudonymSm3() {
        return pseudonymSm3.mask(pool.citizenIds[next()]);
    }

    @Benchmark
    public Object pseudonymSha256() {
        return pseudonymSha256.mask(pool.citizenIds[next()]);
    }

    @Benchmark
    public Object fpeCitizenId() {
        return fpeCitizenId.mask(pool.citizenIds[next()]);
    }

    @Benchmark
    public Object fpeUscc() {
        return fpeUscc.mask(pool.usccs[next()]);
    }

    @Benchmark
    public Object encryptSm4() {
        return encryptSm4.mask(pool.citizenIds[next()]);
    }

    @Benchmark
    public Object encryptAesGcm() {
        return encryptAesGcm.mask(pool.citizenIds[next()]);
    }
}
