package org.pdxhub.hub.gate;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;
import org.pdxhub.plugin.DataType;
import org.pdxhub.plugin.FieldMasker;
import org.pdxhub.plugin.FieldSpec;
import org.pdxhub.plugin.GateContext;
import org.pdxhub.plugin.GatePhase;
import org.pdxhub.plugin.GateStep;
import org.pdxhub.plugin.IdentifierFinder;
import org.pdxhub.plugin.MaskRule;
import org.pdxhub.plugin.MaskingKeys;
import org.pdxhub.plugin.MaskingProfile;
import org.pdxhub.plugin.MaskingStrategy;
import org.pdxhub.plugin.RecordBatch;
import org.pdxhub.plugin.Registry;
import org.pdxhub.plugin.ResourceSpec;
import org.pdxhub.plugins.masking.FieldCipher;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Masks every item the destination's profile names (art. 11, 25): the aggregation profile before
 * data leaves a department node, the open profile before anything is published. Rules are
 * compiled once per resource version and profile.
 * <p>
 * Two things no profile has to name are done on every path as well: identifiers written inside
 * text fields (an ID in an address, a mobile in a remark) are found and masked as an item of
 * their kind would be under the profile; and what a node below says it masked is checked against
 * the shape of that rule's output, and masked here when it does not hold.
 */
@Singleton
public class ProfileMasking implements GateStep {

    private static final Logger LOG = Logger.getLogger(ProfileMasking.class);

    /** Organisation codes are public (art. 10): found in text, they stay. */
    private static final Set<String> NOT_PERSONAL = Set.of("uscc");
    private static final MaskRule SUPPRESS = MaskRule.parse("suppress");
    private static final String UNKNOWN_RULE = "unknown-rule";

    /** One item's compiled rule. */
    public record Planned(String field, MaskRule rule, FieldMasker masker) {
    }

    /**
     * How a field a node below says it masked is checked and, when the claim does not hold, masked.
     *
     * @param claim   the claimed rule as this node reads it, or {@value #UNKNOWN_RULE}
     * @param claimed the claimed rule compiled here, or null when it is never trusted: this node does
     *                not know it, or has a rule of its own for the field and the claim names another
     * @param remask  this node's rule for the field, else the claimed one, else suppress
     */
    record ClaimCheck(String field, String claim, FieldMasker claimed, MaskRule remaskRule, FieldMasker remask) {
    }

    /** Identifiers of one kind found in one field of a batch. */
    private record Tally(Map<String, Map<String, Integer>> freeText, Map<String, Integer> falseClaims) {
        Tally() {
            this(new TreeMap<>(), new TreeMap<>());
        }
    }

    @Inject
    Registry<MaskingStrategy> strategies;

    @Inject
    MaskingKeys keys;

    @Inject
    IdentifierFinder finder;

    @Inject
    MeterRegistry metrics;

    private final Map<String, List<Planned>> plans = new ConcurrentHashMap<>();
    private final Map<String, String> described = new ConcurrentHashMap<>();
    private final Map<String, Map<String, String>> applied = new ConcurrentHashMap<>();
    private final Map<String, Set<String>> notText = new ConcurrentHashMap<>();
    private final Map<String, FieldMasker> textMaskers = new ConcurrentHashMap<>();

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
        List<ClaimCheck> claims = List.of();
        if (!ctx.maskedUpstream().isEmpty()) {
            // Masked where the records entered the hierarchy (art. 11); masking again would
            // pseudonymise a pseudonym and break the joins on the article-10 identifier. The claim
            // is checked value by value first.
            plan = plan.stream().filter(p -> !ctx.maskedUpstream().containsKey(p.field())).toList();
            claims = claimChecks(ctx.resource(), ctx.profile(), ctx.maskedUpstream());
        }
        Set<String> skip = notTextOf(ctx.resource());
        Tally tally = new Tally();
        for (RecordBatch.Entry entry : batch.entries()) {
            checkClaims(entry.fields(), claims, tally);
            mask(entry.fields(), plan, clear);
            reveal(entry.fields(), clear);
            scanText(entry.fields(), skip, ctx.profile(), tally);
        }
        report(batch, ctx, tally, claims);
    }

    /** Masks here, with this node's rule, each claimed value that does not have the shape of the claimed rule's output. */
    private static void checkClaims(Map<String, Object> record, List<ClaimCheck> claims, Tally tally) {
        for (ClaimCheck c : claims) {
            Object value = record.get(c.field());
            if (value != null && (c.claimed() == null || !c.claimed().looksMasked(value))) {
                record.put(c.field(), c.remask().mask(value));
                tally.falseClaims().merge(c.field(), 1, Integer::sum);
            }
        }
    }

    /**
     * Replaces each identifier found in the record's text values by its masked form under the
     * profile; a kind the profile would suppress becomes {@code [kind]}.
     */
    private void scanText(Map<String, Object> record, Set<String> skip, MaskingProfile profile, Tally tally) {
        for (Map.Entry<String, Object> field : record.entrySet()) {
            if (!(field.getValue() instanceof String text) || text.isEmpty() || skip.contains(field.getKey())
                    || FieldCipher.isEncrypted(text)) {
                continue;
            }
            List<IdentifierFinder.Found> found = finder.find(text);
            StringBuilder out = null;
            int copied = 0;
            for (IdentifierFinder.Found f : found) {
                if (NOT_PERSONAL.contains(f.kind())) {
                    continue;
                }
                if (out == null) {
                    out = new StringBuilder(text.length() + 32);
                }
                Object masked = textMasker(profile, f.kind()).mask(f.normalised());
                out.append(text, copied, f.start()).append(masked == null ? "[" + f.kind() + "]" : masked.toString());
                copied = f.end();
                tally.freeText().computeIfAbsent(field.getKey(), k -> new TreeMap<>()).merge(f.kind(), 1, Integer::sum);
            }
            if (out != null) {
                field.setValue(out.append(text, copied, text.length()).toString());
            }
        }
    }

    /** Counts, logs and notes for the usage log what was found: kinds and numbers, never a value. */
    private void report(RecordBatch batch, GateContext ctx, Tally tally, List<ClaimCheck> claims) {
        String destination = ctx.destination().name();
        tally.freeText().forEach((field, kinds) -> {
            kinds.forEach((kind, n) -> Counter.builder("pdx.gate.freetext.found").description("Identifiers found inside text fields and masked")
                    .tag("kind", kind).tag("destination", destination).register(metrics).increment(n));
            batch.noteMasking(field, "freetext(" + kinds.entrySet().stream().map(e -> e.getKey() + ":" + e.getValue())
                    .collect(Collectors.joining(",")) + ")");
        });
        tally.falseClaims().forEach((field, n) -> {
            ClaimCheck c = claims.stream().filter(x -> x.field().equals(field)).findFirst().orElseThrow();
            String strategy = c.claim().equals(UNKNOWN_RULE) ? UNKNOWN_RULE : MaskRule.parse(c.claim()).strategy();
            Counter.builder("pdx.gate.upstream.claim.false").description("Values a node below said it masked that were not")
                    .tag("strategy", strategy).tag("destination", destination).register(metrics).increment(n);
            LOG.warnf("Message %s of %s: %d value(s) of '%s' said to be masked upstream with %s were not; masked here with %s",
                    ctx.messageId(), ctx.resource().code(), n, field, c.claim(), c.remaskRule());
            batch.noteMasking(field, "upstream-claim-false(" + c.claim() + "):" + n + ">" + c.remaskRule());
        });
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
        return describe(resource, profile, clearFields, Map.of(), Map.of());
    }

    /**
     * The same, with the rules an earlier node applied marked {@code (upstream)}, and what this
     * batch's masking noted ({@code address=freetext(citizen-id:1)}, a claim that did not hold).
     */
    public String describe(ResourceSpec resource, MaskingProfile profile, Set<String> clearFields, Map<String, String> upstream,
                           Map<String, String> notes) {
        if (clearFields.isEmpty() && upstream.isEmpty()) {
            // Every message of a resource under a profile says the same, but for its notes: written once.
            String here = described.computeIfAbsent(planKey(resource, profile), k -> describeHere(resource, profile, Set.of(), Map.of()));
            if (notes.isEmpty()) {
                return here;
            }
            String noted = notes.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(";"));
            return here.isEmpty() ? noted : here + ";" + noted;
        }
        var before = upstream.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> e.getKey() + "=" + e.getValue() + "(upstream)");
        var noted = notes.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue());
        return Stream.of(Stream.of(describeHere(resource, profile, clearFields, upstream)).filter(h -> !h.isEmpty()), before, noted)
                .flatMap(x -> x).collect(Collectors.joining(";"));
    }

    private String describeHere(ResourceSpec resource, MaskingProfile profile, Set<String> clearFields, Map<String, String> upstream) {
        return planFor(resource, profile).stream()
                .filter(p -> !clearFields.contains(p.field()) && !upstream.containsKey(p.field()))
                .map(p -> p.field() + "=" + p.rule()).collect(Collectors.joining(";"));
    }

    /** What this node's profile masks in a resource: field → rule, as later nodes are told. Not to be changed by the caller. */
    public Map<String, String> applied(ResourceSpec resource, MaskingProfile profile, Set<String> clearFields) {
        if (clearFields.isEmpty()) {
            return applied.computeIfAbsent(planKey(resource, profile), k -> appliedExcept(resource, profile, Set.of()));
        }
        return appliedExcept(resource, profile, clearFields);
    }

    private Map<String, String> appliedExcept(ResourceSpec resource, MaskingProfile profile, Set<String> clearFields) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Planned p : planFor(resource, profile)) {
            if (!clearFields.contains(p.field())) {
                out.put(p.field(), p.rule().toString());
            }
        }
        return Collections.unmodifiableMap(out);
    }

    /**
     * A rejected record as it goes to the dead-letter address: masked by the profile and its text
     * scanned, like a delivered one, also when the message was refused before the masking step.
     */
    public void maskRejected(Map<String, Object> record, GateContext ctx) {
        mask(record, planFor(ctx.resource(), ctx.profile()), Set.of());
        scanText(record, notTextOf(ctx.resource()), ctx.profile(), new Tally());
    }

    static void mask(Map<String, Object> record, List<Planned> plan, Set<String> clear) {
        for (Planned p : plan) {
            if (record.containsKey(p.field()) && !clear.contains(p.field())) {
                record.put(p.field(), p.masker().mask(record.get(p.field())));
            }
        }
    }

    public List<Planned> planFor(ResourceSpec resource, MaskingProfile profile) {
        return plans.computeIfAbsent(planKey(resource, profile), k -> compile(resource, profile));
    }

    /** A resource's version under a profile: what a plan, and all that is derived from it, is compiled for. */
    private static String planKey(ResourceSpec resource, MaskingProfile profile) {
        return resource.code() + "@" + resource.version() + "/" + profile.name();
    }

    private List<Planned> compile(ResourceSpec resource, MaskingProfile profile) {
        List<Planned> plan = new ArrayList<>();
        for (FieldSpec item : resource.fields()) {
            MaskRule rule = profile.ruleFor(item);
            if (rule != null) {
                plan.add(new Planned(item.name(), rule, compile(rule)));
            }
        }
        return List.copyOf(plan);
    }

    private FieldMasker compile(MaskRule rule) {
        return strategies.get(rule.strategy()).compile(rule.args(), keys);
    }

    /**
     * Fields whose values are not free text: identifiers (checked and masked as such) and items of
     * other types than text. Everything else a record holds is scanned, undeclared fields too.
     */
    private Set<String> notTextOf(ResourceSpec resource) {
        return notText.computeIfAbsent(resource.code() + "@" + resource.version(), k -> {
            Set<String> out = new HashSet<>();
            for (FieldSpec item : resource.fields()) {
                if (item.identifierKind() != null || item.type() != DataType.STRING) {
                    out.add(item.name());
                }
            }
            return Set.copyOf(out);
        });
    }

    /** An identifier found in text is masked like an item of its kind: the profile's rule for the kind, else its personal default, else removed. */
    FieldMasker textMasker(MaskingProfile profile, String kind) {
        return textMaskers.computeIfAbsent(profile.name() + "/" + kind, k -> {
            MaskRule rule = profile.byKind().get(kind);
            if (rule == null) {
                rule = profile.personalDefault();
            }
            return rule == null ? value -> null : compile(rule);
        });
    }

    /**
     * How each field of a {@code PdxMasked} claim is checked. Compiled per message, not cached:
     * claims come from another node, and a cache keyed by them would grow with whatever it sends.
     */
    private List<ClaimCheck> claimChecks(ResourceSpec resource, MaskingProfile profile, Map<String, String> claims) {
        Map<String, Planned> own = new LinkedHashMap<>();
        for (Planned p : planFor(resource, profile)) {
            own.put(p.field(), p);
        }
        Set<String> declared = resource.fieldsByName().keySet();
        List<ClaimCheck> out = new ArrayList<>();
        claims.forEach((field, claim) -> {
            if (!declared.contains(field)) {
                return; // an undeclared field is refused by validation, or dropped by the grant, not trusted
            }
            FieldMasker claimed = null;
            MaskRule claimedRule = null;
            try {
                claimedRule = MaskRule.parse(claim);
                claimed = compile(claimedRule);
            } catch (IllegalArgumentException unknown) {
                claimedRule = null; // the claim's text is another node's: it is not repeated in logs
            }
            Planned mine = own.get(field);
            if (mine != null && claimed != null && !mine.rule().equals(claimedRule)) {
                // A weaker rule than this node's (keep(17,0) on an ID) would pass its own shape
                // check: only the rule this node would apply itself is taken on trust.
                claimed = null;
            }
            MaskRule remaskRule = mine != null ? mine.rule() : claimed != null ? claimedRule : SUPPRESS;
            FieldMasker remask = mine != null ? mine.masker() : claimed != null ? claimed : value -> null;
            out.add(new ClaimCheck(field, claimedRule == null ? UNKNOWN_RULE : claimedRule.toString(), claimed, remaskRule, remask));
        });
        return out;
    }
}
