package org.pdxhub.hub.supervision.quality;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.pdxhub.hub.catalog.Catalog;
import org.pdxhub.hub.catalog.CatalogResource;
import org.pdxhub.hub.catalog.DataItem;
import org.pdxhub.hub.catalog.ItemQuality;
import org.pdxhub.plugin.DataType;
import org.pdxhub.plugin.Destination;
import org.pdxhub.plugin.GateContext;
import org.pdxhub.plugin.GatePhase;
import org.pdxhub.plugin.GateStep;
import org.pdxhub.plugin.RecordBatch;
import org.pdxhub.plugin.ResourceSpec;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Data quality where records enter the node (数据质量): after the gate's own validation of types and
 * identifiers, the quality rules each item declares in the catalog (refuse, or accept and flag), then
 * the counting of conformity, completeness, accuracy and uniqueness for the day. A gate step, so
 * that the gate needs no change to be measured; the counting stays in memory until flushed.
 */
@Singleton
public class QualityCheck implements GateStep {

    /** The rules of one resource version, prepared once. */
    record Rules(List<ItemRule> items, Map<String, String> identifierKinds, String keyField) {
    }

    /** One item's rules, with its pattern compiled. */
    record ItemRule(String name, DataType type, ItemQuality quality, Pattern pattern, BigDecimal min, BigDecimal max) {
    }

    @Inject
    Catalog catalog;

    @Inject
    QualityCounters counters;

    @Inject
    Clock clock;

    private final Map<String, Rules> rulesByVersion = new ConcurrentHashMap<>();

    @Override
    public GatePhase phase() {
        return GatePhase.VALIDATE;
    }

    /** After the gate's RecordValidation (100): types are coerced and identifiers checked by then. */
    @Override
    public int order() {
        return 150;
    }

    @Override
    public void process(RecordBatch batch, GateContext context) {
        Destination d = context.destination();
        if (d != Destination.AGGREGATION && d != Destination.RETURN) {
            return;
        }
        ResourceSpec spec = context.resource();
        Rules rules = rulesByVersion.computeIfAbsent(spec.code() + "@" + spec.version(), k -> rulesOf(spec));
        LocalDate today = LocalDate.now(clock);
        Tally tally = new Tally();
        for (RecordBatch.Entry entry : batch.entries()) {
            tally.add(Measure.RECORD, Measure.SENT);
            if (!entry.isRejected()) {
                check(entry, rules, context.maskedUpstream().keySet(), today, tally);
            }
            if (entry.isRejected()) {
                String rule = ruleOf(entry, rules);
                tally.add(Measure.RECORD, Measure.REFUSED);
                tally.add(entry.rejectedField() == null ? Measure.RECORD : entry.rejectedField(), Measure.withRule(Measure.REFUSED, rule));
                if (rule.equals("identifier")) {
                    tally.add(entry.rejectedField(), Measure.CHECKED);
                    tally.add(entry.rejectedField(), Measure.withRule(Measure.FAILED, rule));
                }
                continue;
            }
            tally.add(Measure.RECORD, Measure.ACCEPTED);
            measure(entry.fields(), rules, spec, today, tally);
        }
        counters.add(today, spec.code(), spec.providerUscc(), tally);
    }

    /** The item rules on one record; the first refusing failure rejects it, a flagging one is counted. */
    private void check(RecordBatch.Entry entry, Rules rules, java.util.Set<String> maskedUpstream, LocalDate today, Tally tally) {
        Map<String, Object> f = entry.fields();
        boolean flagged = false;
        for (ItemRule r : rules.items()) {
            if (maskedUpstream.contains(r.name())) {
                continue;
            }
            Object value = f.get(r.name());
            Failure failure = failure(r, value, f, today);
            if (value != null) {
                tally.add(r.name(), Measure.CHECKED);
            }
            if (failure == null) {
                continue;
            }
            tally.add(r.name(), Measure.withRule(Measure.FAILED, failure.rule()));
            if (r.quality().refuses()) {
                entry.reject(r.name(), r.name() + ": " + failure.message() + " (quality rule " + failure.rule() + " of the catalog)");
                return;
            }
            flagged = true;
        }
        if (flagged) {
            tally.add(Measure.RECORD, Measure.FLAGGED);
        }
    }

    /** Completeness, identifier accuracy of accepted values, and uniqueness of the key. */
    private void measure(Map<String, Object> f, Rules rules, ResourceSpec spec, LocalDate today, Tally tally) {
        long items = 0;
        long filled = 0;
        for (var item : spec.fields()) {
            items++;
            if (f.get(item.name()) != null) {
                filled++;
            }
        }
        tally.add(Measure.RECORD, Measure.ITEMS, items);
        tally.add(Measure.RECORD, Measure.ITEMS_FILLED, filled);
        for (ItemRule r : rules.items()) {
            if (r.quality().isRequired()) {
                tally.add(r.name(), Measure.REQUIRED);
                if (f.get(r.name()) != null) {
                    tally.add(r.name(), Measure.REQUIRED_FILLED);
                }
            }
        }
        for (String id : rules.identifierKinds().keySet()) {
            if (f.get(id) != null) {
                tally.add(id, Measure.CHECKED);
            }
        }
        Object key = rules.keyField() == null ? null : f.get(rules.keyField());
        if (key != null && counters.seenBefore(today, spec.code(), key.toString())) {
            tally.add(Measure.RECORD, Measure.DUPLICATE);
        }
    }

    record Failure(String rule, String message) {
    }

    /** What is wrong with one value under its item's rules, or null. Never the value itself: it may be personal. */
    static Failure failure(ItemRule r, Object value, Map<String, Object> record, LocalDate today) {
        ItemQuality q = r.quality();
        if (value == null) {
            return q.isRequired() ? new Failure("required", "the item is required in every record") : null;
        }
        String text = value.toString();
        if (r.pattern() != null && !r.pattern().matcher(text).matches()) {
            return new Failure("pattern", "does not match the declared pattern " + q.pattern());
        }
        if (q.values() != null && !q.values().contains(text)) {
            return new Failure("enumeration", "is not one of the declared values " + q.values());
        }
        if (r.min() != null || r.max() != null) {
            BigDecimal v = ItemQuality.numeric(text);
            if (v == null || (r.min() != null && v.compareTo(r.min()) < 0) || (r.max() != null && v.compareTo(r.max()) > 0)) {
                return new Failure("range", "is outside the declared range " + (q.min() == null ? "" : q.min()) + ".."
                        + (q.max() == null ? "" : q.max()));
            }
        }
        if (Boolean.TRUE.equals(q.notFuture()) && text.length() >= 10 && text.substring(0, 10).compareTo(today.toString()) > 0) {
            return new Failure("future-date", "lies after today " + today);
        }
        if (q.agreesWith() != null && record.get(q.agreesWith()) instanceof String id && id.length() == 18) {
            if (r.type() == DataType.DATE || r.type() == DataType.DATETIME) {
                String birth = id.substring(6, 10) + "-" + id.substring(10, 12) + "-" + id.substring(12, 14);
                if (!text.startsWith(birth)) {
                    return new Failure("cross-field", "is not the birth date encoded in " + q.agreesWith());
                }
            } else {
                Boolean male = gender(text);
                boolean idMale = (id.charAt(16) - '0') % 2 == 1;
                if (male == null || male != idMale) {
                    return new Failure("cross-field", "does not agree with the gender encoded in " + q.agreesWith());
                }
            }
        }
        return null;
    }

    private static Boolean gender(String text) {
        return switch (text.strip().toUpperCase(java.util.Locale.ROOT)) {
            case "男", "M", "MALE", "1" -> Boolean.TRUE;
            case "女", "F", "FEMALE", "2" -> Boolean.FALSE;
            default -> null;
        };
    }

    /** The kind of rule that rejected a record: the gate's own checks named by their reason, ours by the item's failure. */
    private static String ruleOf(RecordBatch.Entry entry, Rules rules) {
        String reason = entry.rejection();
        int at = reason.lastIndexOf("(quality rule ");
        if (at >= 0) {
            return reason.substring(at + 14, reason.indexOf(' ', at + 14));
        }
        if (reason.startsWith("unknown field")) {
            return "unknown-field";
        }
        if (reason.contains("is required in every record")) {
            return "key-missing";
        }
        if (reason.contains(": expected ")) {
            return "type";
        }
        if (entry.rejectedField() != null && rules.identifierKinds().containsKey(entry.rejectedField())) {
            return "identifier";
        }
        return "other";
    }

    private Rules rulesOf(ResourceSpec spec) {
        List<ItemRule> items = new ArrayList<>();
        Map<String, String> identifiers = new HashMap<>();
        CatalogResource resource = catalog.find(spec.code(), (int) spec.version()).orElse(null);
        List<DataItem> declared = resource == null ? List.of() : resource.items();
        for (DataItem i : declared) {
            if (i.identifierKind() != null) {
                identifiers.put(i.name(), i.identifierKind());
            }
            ItemQuality q = i.quality();
            if (q != null) {
                items.add(new ItemRule(i.name(), i.type(), q, q.pattern() == null ? null : Pattern.compile(q.pattern()),
                        q.min() == null ? null : ItemQuality.numeric(q.min()), q.max() == null ? null : ItemQuality.numeric(q.max())));
            }
        }
        return new Rules(List.copyOf(items), Map.copyOf(identifiers), spec.keyField());
    }
}
