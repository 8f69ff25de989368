package org.pdxhub.hub.gate;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.pdxhub.plugin.DataType;
import org.pdxhub.plugin.Destination;
import org.pdxhub.plugin.FieldSpec;
import org.pdxhub.plugin.GateContext;
import org.pdxhub.plugin.GatePhase;
import org.pdxhub.plugin.GateStep;
import org.pdxhub.plugin.IdentifierCheck;
import org.pdxhub.plugin.RecordBatch;
import org.pdxhub.plugin.Registry;
import org.pdxhub.plugin.ResourceSpec;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Each record against the resource's declared items (art. 10): no unknown fields, values of
 * the declared type (text from CSV is converted), identifiers with valid check characters, the
 * key present. A bad record is rejected with its reason; the others go on.
 */
@Singleton
public class RecordValidation implements GateStep {

    @Inject
    Registry<IdentifierCheck> checks;

    private final Map<String, Map<String, FieldSpec>> itemsByResource = new ConcurrentHashMap<>();

    @Override
    public GatePhase phase() {
        return GatePhase.VALIDATE;
    }

    @Override
    public int order() {
        return 100;
    }

    @Override
    public void process(RecordBatch batch, GateContext context) {
        if (!entersTheNode(context.destination())) {
            return;
        }
        ResourceSpec resource = context.resource();
        Map<String, FieldSpec> items = itemsByResource.computeIfAbsent(resource.code() + "@" + resource.version(),
                k -> resource.fieldsByName());
        for (RecordBatch.Entry entry : batch.entries()) {
            validate(entry, items, resource, context.maskedUpstream().keySet());
        }
    }

    /**
     * Records are validated where they enter a node: sent up (aggregation) or returned down.
     * Shared and open reads come from the node's datasets, which passed validation on the way
     * in and hold masked values (a pseudonym carries no check digit).
     */
    static boolean entersTheNode(Destination destination) {
        return destination == Destination.AGGREGATION || destination == Destination.RETURN;
    }

    /**
     * @param maskedUpstream fields the node below already masked: declared, but no longer checkable
     *                       (a pseudonym has no check digit, a birth year is not a date)
     */
    private void validate(RecordBatch.Entry entry, Map<String, FieldSpec> items, ResourceSpec resource, java.util.Set<String> maskedUpstream) {
        for (Map.Entry<String, Object> field : entry.fields().entrySet()) {
            FieldSpec item = items.get(field.getKey());
            if (item == null) {
                entry.reject(field.getKey(), "unknown field '" + field.getKey() + "'; " + resource.code() + " declares " + items.keySet());
                return;
            }
            Object value = field.getValue();
            if (maskedUpstream.contains(item.name())) {
                continue;
            }
            if (value == null || (value instanceof String s && s.isEmpty())) {
                field.setValue(null);
                continue;
            }
            Object typed = coerce(item.type(), value);
            if (typed == null) {
                entry.reject(item.name(), item.name() + ": expected " + describe(item.type()) + ", got " + kindOf(value));
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

    /** One spelling per identifier, so that pseudonyms of the same person join: citizen IDs end in upper-case X. */
    private static String normalise(String kind, String value) {
        String v = value.strip();
        return "citizen-id".equals(kind) || "uscc".equals(kind) ? v.toUpperCase(java.util.Locale.ROOT) : v;
    }

    /** The value as the declared type, or null when it is not one. */
    static Object coerce(DataType type, Object value) {
        try {
            return switch (type) {
                case STRING -> value instanceof String || value instanceof Number || value instanceof Boolean ? value.toString() : null;
                case INTEGER -> value instanceof Number n ? (n.doubleValue() == Math.rint(n.doubleValue()) ? (Object) n.longValue() : null)
                        : value instanceof String s ? (Object) Long.parseLong(s.strip()) : null;
                case DECIMAL -> value instanceof Number n ? n : value instanceof String s ? new BigDecimal(s.strip()) : null;
                case BOOLEAN -> value instanceof Boolean b ? b : value instanceof String s ? parseBoolean(s.strip()) : null;
                case DATE -> value instanceof String s ? date(s.strip()) : null;
                case DATETIME -> value instanceof String s ? OffsetDateTime.parse(s.strip()).toString() : null;
            };
        } catch (NumberFormatException | DateTimeException e) {
            return null;
        }
    }

    /**
     * A date as ISO writes it. The usual {@code yyyy-MM-dd} is checked without the formatter, which
     * builds and resolves a map of fields per value (two dates a record were a twentieth of the
     * gate's time on the 1,000,000-row CSV); {@link LocalDate#of} still refuses a day that does not
     * exist. Anything else goes to the formatter, as before.
     */
    private static String date(String s) {
        if (s.length() == 10 && s.charAt(4) == '-' && s.charAt(7) == '-' && digits(s, 0, 4) && digits(s, 5, 7) && digits(s, 8, 10)) {
            LocalDate.of(Integer.parseInt(s, 0, 4, 10), Integer.parseInt(s, 5, 7, 10), Integer.parseInt(s, 8, 10, 10));
            return s;
        }
        return LocalDate.parse(s).toString();
    }

    private static boolean digits(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    private static Boolean parseBoolean(String s) {
        return switch (s.toLowerCase(java.util.Locale.ROOT)) {
            case "true", "1", "是" -> Boolean.TRUE;
            case "false", "0", "否" -> Boolean.FALSE;
            default -> null;
        };
    }

    private static String describe(DataType type) {
        return switch (type) {
            case STRING -> "text";
            case INTEGER -> "a whole number";
            case DECIMAL -> "a number";
            case BOOLEAN -> "true or false";
            case DATE -> "a date (yyyy-MM-dd)";
            case DATETIME -> "a date and time with offset (e.g. 2026-11-27T10:15:30+08:00)";
        };
    }

    /** What the value is, never the value itself (it may be personal data). */
    private static String kindOf(Object value) {
        if (value instanceof String s) {
            return "text of " + s.length() + " characters";
        }
        return value instanceof Map ? "an object" : value instanceof Iterable ? "a list" : value.getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT);
    }
}
