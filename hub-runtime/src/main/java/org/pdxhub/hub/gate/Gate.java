package org.pdxhub.hub.gate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;
import org.pdxhub.hub.audit.UsageDecision;
import org.pdxhub.hub.audit.UsageEntry;
import org.pdxhub.hub.audit.UsageLog;
import org.pdxhub.plugin.GateContext;
import org.pdxhub.plugin.GatePhase;
import org.pdxhub.plugin.GateRefusal;
import org.pdxhub.plugin.GateStep;
import org.pdxhub.plugin.RecordBatch;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The gate every message that carries catalog data passes: validate, authorise, mask, log.
 * Steps are every {@link GateStep} bean, by phase then order. The usage log is written by the
 * gate itself, last, so that no configuration can leave it out; when it cannot be written the
 * exception propagates and the caller does not deliver (fail closed).
 */
@ApplicationScoped
public class Gate {

    private static final Logger LOG = Logger.getLogger(Gate.class);

    @Inject
    Instance<GateStep> discovered;

    @Inject
    ProfileMasking masking;

    @Inject
    UsageLog usageLog;

    @Inject
    ObjectMapper json;

    @Inject
    MeterRegistry metrics;

    private final Map<List<String>, Counter> counters = new ConcurrentHashMap<>();
    private List<GateStep> steps;
    private Timer timer;

    @PostConstruct
    void init() {
        steps = discovered.stream()
                .sorted(Comparator.comparing(GateStep::phase).thenComparingInt(GateStep::order).thenComparing(GateStep::name))
                .toList();
        timer = Timer.builder("pdx.gate.time").description("Time the gate takes per message").publishPercentiles(0.5, 0.99).register(metrics);
        LOG.infof("Gate steps: %s", steps.stream().map(s -> s.phase() + ":" + s.name()).toList());
    }

    /** The steps in the order they run. */
    public List<GateStep> steps() {
        return steps;
    }

    /**
     * Passes one message. The records are changed in place.
     *
     * @throws GateRefused when a rule refuses the whole message, or no record is valid
     */
    public Passage pass(List<Map<String, Object>> records, GateContext ctx) {
        Timer.Sample sample = Timer.start(metrics);
        RecordBatch batch = new RecordBatch(records);
        GatePhase phase = GatePhase.VALIDATE;
        try {
            for (GateStep step : steps) {
                phase = step.phase();
                step.process(batch, ctx);
            }
            List<RecordBatch.Entry> accepted = batch.accepted();
            if (accepted.isEmpty() && batch.size() > 0) {
                throw new GateRefusal("validation.no-valid-record", "none of the " + batch.size()
                        + " records is valid; each one's reason is listed");
            }
        } catch (GateRefusal refusal) {
            List<Passage.Rejected> rejected = rejectedOf(batch, ctx);
            UsageEntry entry = usageLog.append(entry(ctx, batch, UsageDecision.REFUSED, refusal.rule(), null, refusal.getMessage()));
            count(ctx, "refused", refusal.rule(), batch);
            sample.stop(timer);
            throw new GateRefused(refusal, phase, rejected, entry);
        }
        List<Map<String, Object>> delivered = batch.acceptedRecords();
        byte[] payload;
        try {
            payload = json.writeValueAsBytes(delivered);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("records that passed the gate could not be serialised", e);
        }
        UsageEntry entry = usageLog.append(entry(ctx, batch, UsageDecision.DELIVERED, null, UsageLog.sha256(payload), null));
        count(ctx, "passed", null, batch);
        sample.stop(timer);
        return new Passage(delivered, rejectedOf(batch, ctx), payload, entry);
    }

    private UsageEntry entry(GateContext ctx, RecordBatch batch, UsageDecision decision, String rule, String digest, String detail) {
        Set<String> fields = new TreeSet<>();
        int rejected = 0;
        for (RecordBatch.Entry e : batch.entries()) {
            if (e.isRejected()) {
                rejected++;
            } else {
                fields.addAll(e.fields().keySet());
            }
        }
        Set<String> clear = ctx.grant() == null ? Set.of() : ctx.grant().clearFields();
        return new UsageEntry(null, 0, null, ctx.person(), ctx.requesterUscc(), ctx.purpose(),
                ctx.grant() == null ? null : ctx.grant().id(), ctx.resource().code(), ctx.destination().name(),
                String.join(",", fields), batch.size() - rejected, rejected, decision, rule,
                decision == UsageDecision.DELIVERED ? masking.describe(ctx.resource(), ctx.profile(), clear, ctx.maskedUpstream(), batch.maskingNotes()) : null,
                digest, ctx.traceId(), ctx.messageId(), detail, null, null, ctx.keyId());
    }

    /** Rejected records leave masked like the rest: the dead-letter address holds no raw personal data. */
    private List<Passage.Rejected> rejectedOf(RecordBatch batch, GateContext ctx) {
        List<Passage.Rejected> out = new ArrayList<>();
        for (RecordBatch.Entry e : batch.entries()) {
            if (e.isRejected()) {
                Map<String, Object> copy = new HashMap<>(e.fields());
                masking.maskRejected(copy, ctx);
                copy.keySet().retainAll(ctx.resource().fieldsByName().keySet());
                out.add(new Passage.Rejected(e.index(), e.rejectedField(), e.rejection(), copy));
            }
        }
        return out;
    }

    private void count(GateContext ctx, String decision, String rule, RecordBatch batch) {
        String resource = ctx.resource().code();
        counter("pdx.gate.messages", "resource", resource, "destination", ctx.destination().name(), "decision", decision,
                "rule", rule == null ? "none" : rule).increment();
        int rejected = (int) batch.entries().stream().filter(RecordBatch.Entry::isRejected).count();
        counter("pdx.gate.records", "resource", resource, "outcome", "accepted").increment(decision.equals("passed") ? batch.size() - rejected : 0);
        counter("pdx.gate.records", "resource", resource, "outcome", "rejected").increment(rejected);
        if (decision.equals("passed")) {
            for (ProfileMasking.Planned p : masking.planFor(ctx.resource(), ctx.profile())) {
                counter("pdx.gate.masked.fields", "strategy", p.rule().strategy()).increment(batch.size() - rejected);
            }
        }
    }

    /**
     * A counter by name and tags, registered once: registering again per message builds and
     * sorts its tags and looks the meter up each time, several times a message.
     */
    private Counter counter(String name, String... tags) {
        List<String> key = new ArrayList<>(tags.length + 1);
        key.add(name);
        key.addAll(Arrays.asList(tags));
        return counters.computeIfAbsent(key, k -> Counter.builder(name).tags(tags).register(metrics));
    }
}
