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
import org.pdxhub.plugin.FieldSpec;
import org.pdxhub.plugin.IdentifierCheck;
import org.pdxhub.plugin.RecordBatch;
import org.pdxhub.plugin.Registry;
import org.pdxhub.plugin.ResourceSpec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The gate's record work on standard records: validation (types and identifier checks) and
 * masking (pseudonym(sm3) on the citizen ID, keep(3,4) on the mobile, keep(1,0) on the name,
 * generalise-date(year) on the birth date) as the gate's steps do it, without CDI, usage log,
 * metrics or I/O; see {@link GateRecordWork}. Records come in messages of {@value #MESSAGE}, each
 * record a fresh map as JSON parsing would give (the steps change records in place), and an
 * operation is one record. {@link #copyOnly} does no processing at all: it is the floor.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class GateRecordWorkBenchmark {

    static final int MESSAGE = 100;
    private static final int MASK = StandardRecords.POOL_SIZE - 1;

    private final ResourceSpec resource = StandardRecords.RESOURCE;
    private StandardRecords pool;
    private int cursor;
    private Map<String, FieldSpec> items;
    private Registry<IdentifierCheck> checks;
    private List<GateRecordWork.Planned> plan;

    @Setup
    public void setUp() {
        pool = StandardRecords.generate(StandardRecords.POOL_SIZE, 17);
        items = resource.fieldsByName();
        checks = GateRecordWork.checks();
        plan = GateRecordWork.plan(resource, GateRecordWork.itemRulesProfile(), GateRecordWork.strategies(), new FixedKeys());
        if (plan.size() != 4) {
            throw new IllegalStateException("the standard record should have 4 masked fields, the plan has " + plan);
        }
        // Every record of the pool must pass and come out masked, or the work measured is not the gate's.
        for (int i = 0; i < StandardRecords.POOL_SIZE / MESSAGE; i++) {
            RecordBatch batch = pass();
            if (!batch.rejected().isEmpty()) {
                RecordBatch.Entry e = batch.rejected().get(0);
                throw new IllegalStateException("a standard record was rejected: " + e.rejection());
            }
            Map<String, Object> masked = batch.entries().get(0).fields();
            if (masked.get(StandardRecords.CITIZEN_ID).toString().length() != 32
                    || masked.get(StandardRecords.BIRTH_DATE).toString().length() != 4
                    || !masked.get(StandardRecords.MOBILE).toString().contains("****")) {
                throw new IllegalStateException("a standard record did not come out masked: " + masked.keySet());
            }
        }
    }

    /** The next message: fresh copies of the next records of the pool. */
    private List<Map<String, Object>> message() {
        List<Map<String, Object>> records = new ArrayList<>(MESSAGE);
        for (int i = 0; i < MESSAGE; i++) {
            records.add(new LinkedHashMap<>(pool.records.get(cursor++ & MASK)));
        }
        return records;
    }

    @Benchmark
    @OperationsPerInvocation(MESSAGE)
    public List<Map<String, Object>> copyOnly() {
        return message();
    }

    @Benchmark
    @OperationsPerInvocation(MESSAGE)
    public RecordBatch validate() {
        RecordBatch batch = new RecordBatch(message());
        for (RecordBatch.Entry entry : batch.entries()) {
            GateRecordWork.validate(entry, items, resource, checks);
        }
        return batch;
    }

    @Benchmark
    @OperationsPerInvocation(MESSAGE)
    public RecordBatch mask() {
        RecordBatch batch = new RecordBatch(message());
        for (RecordBatch.Entry entry : batch.entries()) {
            GateRecordWork.mask(entry.fields(), plan);
        }
        return batch;
    }

    @Benchmark
    @OperationsPerInvocation(MESSAGE)
    public List<Map<String, Object>> validateAndMask() {
        return pass().acceptedRecords();
    }

    /** Validation, then masking, each over the whole message, as the gate runs its steps. */
    private RecordBatch pass() {
        RecordBatch batch = new RecordBatch(message());
        for (RecordBatch.Entry entry : batch.entries()) {
            GateRecordWork.validate(entry, items, resource, checks);
        }
        for (RecordBatch.Entry entry : batch.entries()) {
            GateRecordWork.mask(entry.fields(), plan);
        }
        return batch;
    }
}
