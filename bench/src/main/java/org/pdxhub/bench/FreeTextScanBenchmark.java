package org.pdxhub.bench;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.pdxhub.plugin.FieldMasker;
import org.pdxhub.plugin.FieldSpec;
import org.pdxhub.plugin.IdentifierCheck;
import org.pdxhub.plugin.IdentifierFinder;
import org.pdxhub.plugin.MaskRule;
import org.pdxhub.plugin.RecordBatch;
import org.pdxhub.plugin.Registry;
import org.pdxhub.plugin.ResourceSpec;
import org.pdxhub.plugins.documents.TextIdentifierFinder;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The free-text scan the gate runs on every record's text fields ({@code ProfileMasking.scanText}),
 * next to the record work it comes after ({@link GateRecordWorkBenchmark#validateAndMask}, repeated
 * here so that both are measured in one run on one machine). An operation is one record of the
 * standard pool, whose text fields (the masked name, gender, ethnicity, county code, address,
 * status) hold digits but no identifier: every field goes through the whole finder.
 * {@link #validateMaskAndScanWithAnIdInTheAddress} appends an ID written in groups
 * ({@code 513323 19931011 2353}) to each address, so the scan also finds, checks and pseudonymises.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class FreeTextScanBenchmark {

    static final int MESSAGE = 100;
    private static final int MASK = StandardRecords.POOL_SIZE - 1;

    private final ResourceSpec resource = StandardRecords.RESOURCE;
    private StandardRecords pool;
    private List<Map<String, Object>> withIds;
    private int cursor;
    private Map<String, FieldSpec> items;
    private Registry<IdentifierCheck> checks;
    private List<GateRecordWork.Planned> plan;
    private IdentifierFinder finder;
    private FieldMasker idInText;

    @Setup
    public void setUp() {
        pool = StandardRecords.generate(StandardRecords.POOL_SIZE, 17);
        withIds = new ArrayList<>(pool.records.size());
        for (Map<String, Object> r : pool.records) {
            Map<String, Object> copy = new LinkedHashMap<>(r);
            copy.put("address", copy.get("address") + " 户主 513323 19931011 2353");
            withIds.add(copy);
        }
        items = resource.fieldsByName();
        checks = GateRecordWork.checks();
        plan = GateRecordWork.plan(resource, GateRecordWork.itemRulesProfile(), GateRecordWork.strategies(), new FixedKeys());
        finder = new TextIdentifierFinder(checks);
        MaskRule pseudonym = MaskRule.parse("pseudonym(sm3)");
        idInText = GateRecordWork.strategies().get(pseudonym.strategy()).compile(pseudonym.args(), new FixedKeys());
        RecordBatch check = new RecordBatch(message(withIds));
        int found = 0;
        for (RecordBatch.Entry e : check.entries()) {
            found += GateRecordWork.scanText(e.fields(), items, finder, kind -> idInText);
        }
        if (found != MESSAGE) {
            throw new IllegalStateException("each record with an ID in its address should give one finding, got " + found);
        }
    }

    private List<Map<String, Object>> message(List<Map<String, Object>> from) {
        List<Map<String, Object>> records = new ArrayList<>(MESSAGE);
        for (int i = 0; i < MESSAGE; i++) {
            records.add(new LinkedHashMap<>(from.get(cursor++ & MASK)));
        }
        return records;
    }

    @Benchmark
    @OperationsPerInvocation(MESSAGE)
    public RecordBatch validateAndMask() {
        return pass(pool.records, false);
    }

    @Benchmark
    @OperationsPerInvocation(MESSAGE)
    public RecordBatch validateMaskAndScan() {
        return pass(pool.records, true);
    }

    @Benchmark
    @OperationsPerInvocation(MESSAGE)
    public RecordBatch validateMaskAndScanWithAnIdInTheAddress() {
        return pass(withIds, true);
    }

    /** The scan alone, on records already validated and masked as they reach it. */
    @Benchmark
    @OperationsPerInvocation(MESSAGE)
    public int scanOnly() {
        int found = 0;
        for (Map<String, Object> r : message(pool.records)) {
            found += GateRecordWork.scanText(r, items, finder, kind -> idInText);
        }
        return found;
    }

    private RecordBatch pass(List<Map<String, Object>> from, boolean scan) {
        RecordBatch batch = new RecordBatch(message(from));
        for (RecordBatch.Entry entry : batch.entries()) {
            GateRecordWork.validate(entry, items, resource, checks);
        }
        for (RecordBatch.Entry entry : batch.entries()) {
            GateRecordWork.mask(entry.fields(), plan);
            if (scan) {
                GateRecordWork.scanText(entry.fields(), items, finder, kind -> idInText);
            }
        }
        return batch;
    }
}
