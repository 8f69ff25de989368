package org.pdxhub.bench;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.pdxhub.hub.catalog.Catalog;
import org.pdxhub.hub.catalog.CatalogResource;
import org.pdxhub.hub.catalog.DataItem;
import org.pdxhub.hub.catalog.ItemQuality;
import org.pdxhub.hub.catalog.ResourceCategory;
import org.pdxhub.hub.catalog.ResourceStatus;
import org.pdxhub.hub.catalog.UpdateCycle;
import org.pdxhub.hub.supervision.quality.QualityCheck;
import org.pdxhub.hub.supervision.quality.QualityCounters;
import org.pdxhub.plugin.Destination;
import org.pdxhub.plugin.FieldSpec;
import org.pdxhub.plugin.GateContext;
import org.pdxhub.plugin.OpenType;
import org.pdxhub.plugin.RecordBatch;
import org.pdxhub.plugin.ResourceSpec;
import org.pdxhub.plugin.ShareType;

import java.lang.reflect.Field;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The gate's quality step (数据质量) per record, as {@code QualityCheck.process} runs it on a batch of
 * {@value #MESSAGE} standard records: the item rules the catalog declares, then the day's counting
 * (completeness, identifier checks, duplicate keys, one tally per batch merged into the counters).
 * {@code rules=none} declares no rule (counting only); {@code rules=five} declares five (required,
 * pattern, enumeration, a date not in the future and agreeing with the citizen ID, the gender
 * agreeing with it). The step runs without CDI: its catalog answers from memory and its counters
 * are never flushed to a store. An operation is one record; {@link #copyOnly} is the floor (the
 * fresh maps every batch needs, as JSON parsing gives them).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class QualityCountingBenchmark {

    static final int MESSAGE = 100;
    private static final int MASK = StandardRecords.POOL_SIZE - 1;

    @Param({"none", "five"})
    public String rules;

    private final ResourceSpec resource = StandardRecords.RESOURCE;
    private StandardRecords pool;
    private QualityCheck check;
    private GateContext context;
    private int cursor;

    @Setup
    public void setUp() throws ReflectiveOperationException {
        pool = StandardRecords.generate(StandardRecords.POOL_SIZE, 17);
        CatalogResource declared = declared(resource, "five".equals(rules));
        check = new QualityCheck();
        set(check, "catalog", new Catalog() {
            @Override
            public Optional<CatalogResource> find(String code, int version) {
                return Optional.of(declared);
            }
        });
        set(check, "counters", new QualityCounters());
        set(check, "clock", Clock.systemUTC());
        context = new GateContext(resource, Destination.AGGREGATION, resource.providerUscc(), "bench", "bench", null, Set.of(), null,
                "bench", "t", "m", Instant.now());
        // Every standard record must pass the rules, or what is measured is a refusal, not the counting.
        for (int i = 0; i < StandardRecords.POOL_SIZE / MESSAGE; i++) {
            RecordBatch batch = batch();
            check.process(batch, context);
            if (!batch.rejected().isEmpty()) {
                throw new IllegalStateException("a standard record was refused by a quality rule: " + batch.rejected().get(0).rejection());
            }
        }
    }

    @Benchmark
    @OperationsPerInvocation(MESSAGE)
    public RecordBatch quality() {
        RecordBatch batch = batch();
        check.process(batch, context);
        return batch;
    }

    @Benchmark
    @OperationsPerInvocation(MESSAGE)
    public RecordBatch copyOnly() {
        return batch();
    }

    private RecordBatch batch() {
        List<Map<String, Object>> records = new ArrayList<>(MESSAGE);
        for (int i = 0; i < MESSAGE; i++) {
            records.add(new HashMap<>(pool.records.get(cursor++ & MASK)));
        }
        return new RecordBatch(records);
    }

    /** The catalog's resource for the standard record, with five quality rules or none. */
    private static CatalogResource declared(ResourceSpec spec, boolean withRules) {
        Map<String, ItemQuality> rules = !withRules ? Map.of() : Map.of(
                StandardRecords.CITIZEN_ID, rule(true, null, null, null, null),
                StandardRecords.MOBILE, rule(null, "1[3-9][0-9]{9}", null, null, null),
                "status", rule(null, null, List.of("参保缴费", "暂停缴费", "待遇领取"), null, null),
                StandardRecords.BIRTH_DATE, rule(null, null, null, true, StandardRecords.CITIZEN_ID),
                "gender", rule(null, null, null, null, StandardRecords.CITIZEN_ID));
        List<DataItem> items = new ArrayList<>();
        for (FieldSpec f : spec.fields()) {
            items.add(new DataItem(f.name(), f.name(), f.type(), f.personal(), f.sensitivity(), f.identifierKind(), f.maskingRule(), null,
                    null, rules.get(f.name())));
        }
        return new CatalogResource(spec.code(), "基准资源", spec.providerUscc(), "bench", ResourceCategory.DEPARTMENT, ShareType.CONDITIONAL,
                OpenType.NONE, null, null, null, "bench", UpdateCycle.DAILY, "API (JSON)", spec.keyField(), items, ResourceStatus.PUBLISHED,
                (int) spec.version(), (int) spec.version(), Instant.EPOCH, Instant.EPOCH, null, null, List.of(), null);
    }

    private static ItemQuality rule(Boolean required, String pattern, List<String> values, Boolean notFuture, String agreesWith) {
        return new ItemQuality(required, null, null, pattern, values, notFuture, agreesWith, ItemQuality.OnFailure.REFUSE);
    }

    /** The step's collaborators are injected fields in the node; here they are set as CDI would. */
    private static void set(Object target, String name, Object value) throws ReflectiveOperationException {
        Field f = target.getClass().getDeclaredField(name);
        f.setAccessible(true);
        f.set(target, value);
    }
}
