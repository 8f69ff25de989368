package org.pdxhub.hub.gate;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.pdxhub.plugin.FieldMasker;
import org.pdxhub.plugin.FieldSpec;
import org.pdxhub.plugin.GateContext;
import org.pdxhub.plugin.GatePhase;
import org.pdxhub.plugin.GateStep;
import org.pdxhub.plugin.MaskRule;
import org.pdxhub.plugin.MaskingKeys;
import org.pdxhub.plugin.MaskingProfile;
import org.pdxhub.plugin.MaskingStrategy;
import org.pdxhub.plugin.RecordBatch;
import org.pdxhub.plugin.Registry;
import org.pdxhub.plugin.ResourceSpec;
import org.pdxhub.plugins.masking.FieldCipher;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Masks every item the destination's profile names (art. 11, 25): the aggregation profile before
 * data leaves a department node, the open profile before anything is published. Rules are
 * compiled once per resource version and profile.
 */
@Singleton
public class ProfileMasking implements GateStep {

    /** One item's compiled rule. */
    public record Planned(String field, MaskRule rule, FieldMasker masker) {
    }

    @Inject
    Registry<MaskingStrategy> strategies;

    @Inject
    MaskingKeys keys;

    private final Map<String, List<Planned>> plans = new ConcurrentHashMap<>();

    @Override
    public GatePhase phase() {
        return GatePhase.MASK;
    }

    @Override
    public int order() {
        return 100;
    }

    @Override
    public void process(RecordBatch batch, GateContext ctx) {
        List<Planned> plan = planFor(ctx.resource(), ctx.profile());
        Set<String> clear = ctx.grant() == null ? Set.of() : ctx.grant().clearFields();
        if (!ctx.maskedUpstream().isEmpty()) {
            // Masked where the records entered the hierarchy (art. 11); masking again would
            // pseudonymise a pseudonym and break the joins on the article-10 identifier.
            plan = plan.stream().filter(p -> !ctx.maskedUpstream().containsKey(p.field())).toList();
        }
        for (RecordBatch.Entry entry : batch.entries()) {
            mask(entry.fields(), plan, clear);
            reveal(entry.fields(), clear);
        }
    }

    /**
     * A grant that lists a field as clear entitles its holder to the value that was encrypted
     * on the way up ({@code encrypt(...)}); the key stays in the node's configuration.
     */
    private void reveal(Map<String, Object> record, Set<String> clear) {
        for (String field : clear) {
            Object value = record.get(field);
            if (FieldCipher.isEncrypted(value)) {
                record.put(field, FieldCipher.decrypt((String) value, keys));
            }
        }
    }

    /** The rules applied to a resource under a profile: field → rule, for the usage log. */
    public String describe(ResourceSpec resource, MaskingProfile profile, Set<String> clearFields) {
        return describe(resource, profile, clearFields, Map.of());
    }

    /** The same, with the rules an earlier node applied marked {@code (upstream)}. */
    public String describe(ResourceSpec resource, MaskingProfile profile, Set<String> clearFields, Map<String, String> upstream) {
        var here = planFor(resource, profile).stream()
                .filter(p -> !clearFields.contains(p.field()) && !upstream.containsKey(p.field()))
                .map(p -> p.field() + "=" + p.rule());
        var before = upstream.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> e.getKey() + "=" + e.getValue() + "(upstream)");
        return java.util.stream.Stream.concat(here, before).collect(Collectors.joining(";"));
    }

    /** What this node's profile masks in a resource: field → rule, as later nodes are told. */
    public Map<String, String> applied(ResourceSpec resource, MaskingProfile profile, Set<String> clearFields) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        for (Planned p : planFor(resource, profile)) {
            if (!clearFields.contains(p.field())) {
                out.put(p.field(), p.rule().toString());
            }
        }
        return out;
    }

    static void mask(Map<String, Object> record, List<Planned> plan, Set<String> clear) {
        for (Planned p : plan) {
            if (record.containsKey(p.field()) && !clear.contains(p.field())) {
                record.put(p.field(), p.masker().mask(record.get(p.field())));
            }
        }
    }

    public List<Planned> planFor(ResourceSpec resource, MaskingProfile profile) {
        return plans.computeIfAbsent(resource.code() + "@" + resource.version() + "/" + profile.name(), k -> compile(resource, profile));
    }

    private List<Planned> compile(ResourceSpec resource, MaskingProfile profile) {
        List<Planned> plan = new ArrayList<>();
        for (FieldSpec item : resource.fields()) {
            MaskRule rule = profile.ruleFor(item);
            if (rule != null) {
                plan.add(new Planned(item.name(), rule, strategies.get(rule.strategy()).compile(rule.args(), keys)));
            }
        }
        return List.copyOf(plan);
    }
}
