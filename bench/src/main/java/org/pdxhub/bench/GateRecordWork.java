package org.pdxhub.bench;

import org.pdxhub.plugin.DataType;
import org.pdxhub.plugin.Destination;
import org.pdxhub.plugin.FieldMasker;
import org.pdxhub.plugin.FieldSpec;
import org.pdxhub.plugin.IdentifierCheck;
import org.pdxhub.plugin.IdentifierFinder;
import org.pdxhub.plugin.MaskRule;
import org.pdxhub.plugin.MaskingKeys;
import org.pdxhub.plugin.MaskingProfile;
import org.pdxhub.plugin.MaskingStrategy;
import org.pdxhub.plugin.RecordBatch;
import org.pdxhub.plugin.Registry;
import org.pdxhub.plugin.ResourceSpec;
import org.pdxhub.plugins.identifiers.BankCardCheck;
import org.pdxhub.plugins.identifiers.CitizenIdCheck;
import org.pdxhub.plugins.identifiers.EmailCheck;
import org.pdxhub.plugins.identifiers.LandlineCheck;
import org.pdxhub.plugins.identifiers.MobileCheck;
import org.pdxhub.plugins.identifiers.UsccCheck;
import org.pdxhub.plugins.masking.EncryptStrategy;
import org.pdxhub.plugins.masking.FpeCitizenIdStrategy;
import org.pdxhub.plugins.masking.FpeUsccStrategy;
import org.pdxhub.plugins.masking.GeneraliseAddressStrategy;
import org.pdxhub.plugins.masking.GeneraliseDateStrategy;
import org.pdxhub.plugins.masking.KeepStrategy;
import org.pdxhub.plugins.masking.PseudonymStrategy;
import org.pdxhub.plugins.masking.RangeStrategy;
import org.pdxhub.plugins.masking.SuppressStrategy;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The per-record work of the gate's validation and masking steps (hub-runtime's
 * {@code RecordValidation} and {@code ProfileMasking}), done the way they do it but without CDI,
 * the usage log, metrics or I/O, so that the benchmarks need not start a node. The loops below
 * follow those steps' per-record code as of commit b2c7c42 (error messages shortened, as a
 * benchmark never reads them); when the steps change, change these too, or the figures stop
 * describing the gate.
 */
public final class GateRecordWork {

    /** A compiled masking rule for one field, as {@code ProfileMasking.Planned}. */
    public record Planned(String field, MaskRule rule, FieldMasker masker) {
    }

    public static Registry<IdentifierCheck> checks() {
        return new Registry<>("identifier check", List.of(new CitizenIdCheck(), new UsccCheck(), new MobileCheck(),
                new BankCardCheck(), new EmailCheck(), new LandlineCheck()), IdentifierCheck::kind);
    }

    public static Registry<MaskingStrategy> strategies() {
        return new Registry<>("masking strategy", List.of(new KeepStrategy(), new SuppressStrategy(),
                new GeneraliseDateStrategy(), new GeneraliseAddressStrategy(), new RangeStrategy(),
                new PseudonymStrategy(), new FpeCitizenIdStrategy(), new FpeUsccStrategy(), new EncryptStrategy()),
                MaskingStrategy::name);
    }

    /** An aggregation profile (records entering a node are validated, then masked) applying each item's own rule. */
    public static MaskingProfile itemRulesProfile() {
        return new MaskingProfile("aggregation-items", Destination.AGGREGATION, Map.of(), true, Map.of(), null);
    }

    /** The plan {@code ProfileMasking} compiles once per resource version and profile. */
    public static List<Planned> plan(ResourceSpec resource, MaskingProfile profile, Registry<MaskingStrategy> strategies,
                                     MaskingKeys keys) {
        List<Planned> plan = new ArrayList<>();
        for (FieldSpec item : resource.fields()) {
            MaskRule rule = profile.ruleFor(item);
            if (rule != null) {
                plan.add(new Planned(item.name(), rule, strategies.get(rule.strategy()).compile(rule.args(), keys)));
            }
        }
        return List.copyOf(plan);
    }

    /** {@code RecordValidation.validate}: types coerced, identifiers checked, the key required. */
    public static void validate(RecordBatch.Entry entry, Map<String, FieldSpec> items, ResourceSpec resource,
                                Registry<IdentifierCheck> checks) {
        for (Map.Entry<String, Object> field : entry.fields().entrySet()) {
            FieldSpec item = items.get(field.getKey());
            if (item == null) {
                entry.reject(field.getKey(), "unknown field '" + field.getKey() + "'; " + resource.code() + " declares " + items.keySet());
                return;
            }
            Object value = field.getValue();
            if (value == null || (value instanceof String s && s.isEmpty())) {
                field.setValue(null);
                continue;
            }
            Object typed = coerce(item.type(), value);
            if (typed == null) {
                entry.reject(item.name(), item.name() + ": expected " + item.type() + ", got " + value.getClass().getSimpleName());
                return;
            }
            if (item.identifierKind() != null) {
                String text = normalise(item.identifierKind(), typed.toString());
                Optional<String> problem = checks.get(item.identifierKind()).problem(text);
                if (problem.isPresent()) {
                    entry.reject(item.name(), item.name() + ": " + problem.get());
                    return;
                }
                typed = text;
            }
            field.setValue(typed);
        }
        if (resource.keyField() != null && entry.fields().get(resource.keyField()) == null) {
            entry.reject(resource.keyField(), "the key field '" + resource.keyField() + "' is required in every record");
        }
    }

    /** {@code ProfileMasking.mask}, with no field granted in clear. */
    public static void mask(Map<String, Object> record, List<Planned> plan) {
        for (Planned p : plan) {
            if (record.containsKey(p.field())) {
                record.put(p.field(), p.masker().mask(record.get(p.field())));
            }
        }
    }

    /**
     * {@code ProfileMasking.scanText}: each text value (a string that is not an identifier item or an
     * item of another type) through the finder, what it finds replaced by its masked form.
     *
     * @return how many identifiers were found
     */
    public static int scanText(Map<String, Object> record, Map<String, FieldSpec> items, IdentifierFinder finder,
                               Function<String, FieldMasker> maskerOfKind) {
        int count = 0;
        for (Map.Entry<String, Object> field : record.entrySet()) {
            FieldSpec item = items.get(field.getKey());
            if (!(field.getValue() instanceof String text) || text.isEmpty()
                    || item != null && (item.identifierKind() != null || item.type() != DataType.STRING)) {
                continue;
            }
            StringBuilder out = null;
            int copied = 0;
            for (IdentifierFinder.Found f : finder.find(text)) {
                if (out == null) {
                    out = new StringBuilder(text.length() + 32);
                }
                Object masked = maskerOfKind.apply(f.kind()).mask(f.normalised());
                out.append(text, copied, f.start()).append(masked == null ? "[" + f.kind() + "]" : masked.toString());
                copied = f.end();
                count++;
            }
            if (out != null) {
                field.setValue(out.append(text, copied, text.length()).toString());
            }
        }
        return count;
    }

    private static String normalise(String kind, String value) {
        String v = value.strip();
        return "citizen-id".equals(kind) || "uscc".equals(kind) ? v.toUpperCase(Locale.ROOT) : v;
    }

    private static Object coerce(DataType type, Object value) {
        try {
            return switch (type) {
                case STRING -> value instanceof String || value instanceof Number || value instanceof Boolean ? value.toString() : null;
                case INTEGER -> value instanceof Number n ? (n.doubleValue() == Math.rint(n.doubleValue()) ? (Object) n.longValue() : null)
                        : value instanceof String s ? (Object) Long.parseLong(s.strip()) : null;
                case DECIMAL -> value instanceof Number n ? n : value instanceof String s ? new BigDecimal(s.strip()) : null;
                case BOOLEAN -> value instanceof Boolean b ? b : value instanceof String s ? parseBoolean(s.strip()) : null;
                case DATE -> value instanceof String s ? LocalDate.parse(s.strip()).toString() : null;
                case DATETIME -> value instanceof String s ? OffsetDateTime.parse(s.strip()).toString() : null;
            };
        } catch (NumberFormatException | DateTimeParseException e) {
            return null;
        }
    }

    private static Boolean parseBoolean(String s) {
        return switch (s.toLowerCase(Locale.ROOT)) {
            case "true", "1", "是" -> Boolean.TRUE;
            case "false", "0", "否" -> Boolean.FALSE;
            default -> null;
        };
    }

    private GateRecordWork() {
    }
}
