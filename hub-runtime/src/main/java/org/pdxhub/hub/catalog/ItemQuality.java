package org.pdxhub.hub.catalog;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The quality rules (数据质量规则) a data item declares, checked by the gate where records enter a
 * node. Declared in the catalog, so that a change of them is reviewed like any other change.
 *
 * @param required   the item must be filled in every record (completeness)
 * @param min        lowest value allowed, for numbers; for dates an ISO date
 * @param max        highest value allowed, as {@code min}
 * @param pattern    a regular expression the whole text must match
 * @param values     the enumeration of allowed values (代码集)
 * @param notFuture  a date or date-time that cannot lie after the day it is received
 * @param agreesWith cross-field rule: the name of a citizen-id item this item must agree with; a
 *                   DATE item is then the birth date it encodes, a STRING item the gender (男/女, M/F, 1/2)
 * @param onFailure  REFUSE the record (default), or FLAG it: accept it and count the failure
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ItemQuality(Boolean required, String min, String max, String pattern, List<String> values, Boolean notFuture,
                          String agreesWith, OnFailure onFailure) {

    /** What the gate does with a record that breaks a rule. */
    public enum OnFailure { REFUSE, FLAG }

    public ItemQuality {
        values = values == null || values.isEmpty() ? null : List.copyOf(values);
    }

    public boolean isRequired() {
        return Boolean.TRUE.equals(required);
    }

    public boolean refuses() {
        return onFailure != OnFailure.FLAG;
    }

    /** What is wrong with the rules of item {@code at} (e.g. items[2].quality) of the draft. */
    List<Violation> problems(String at, ItemDraft item, ResourceDraft draft) {
        List<Violation> v = new ArrayList<>();
        if (pattern != null) {
            try {
                Pattern.compile(pattern);
            } catch (PatternSyntaxException e) {
                v.add(new Violation(at + ".pattern", "invalid-pattern", "pattern is not a regular expression: " + e.getDescription()));
            }
        }
        BigDecimal lo = bound(min, at + ".min", item, v);
        BigDecimal hi = bound(max, at + ".max", item, v);
        if (lo != null && hi != null && lo.compareTo(hi) > 0) {
            v.add(new Violation(at + ".min", "invalid-range", "min " + min + " is above max " + max));
        }
        if (agreesWith != null) {
            boolean citizenId = draft.items().stream().anyMatch(i -> i != null && agreesWith.equals(i.name())
                    && "citizen-id".equals(i.identifierKind()));
            if (!citizenId) {
                v.add(new Violation(at + ".agreesWith", "invalid-cross-field", "agreesWith names the citizen-id item (identifierKind"
                        + " citizen-id) this item must agree with; '" + agreesWith + "' is none of the resource's"));
            }
        }
        return v;
    }

    /** A bound as a number (dates as yyyymmdd), or null when absent or invalid (then a violation is added). */
    private static BigDecimal bound(String text, String at, ItemDraft item, List<Violation> v) {
        if (text == null) {
            return null;
        }
        BigDecimal b = numeric(text);
        if (b == null) {
            v.add(new Violation(at, "invalid-bound", at.substring(at.lastIndexOf('.') + 1) + " '" + text + "' of item '" + item.name()
                    + "' is neither a number nor a date (yyyy-MM-dd)"));
        }
        return b;
    }

    /** A number, or a date as yyyymmdd so that dates compare as numbers; null when it is neither. */
    public static BigDecimal numeric(String text) {
        String t = text.strip();
        try {
            return new BigDecimal(t);
        } catch (NumberFormatException e) {
            if (t.length() >= 10 && t.charAt(4) == '-' && t.charAt(7) == '-') {
                try {
                    return new BigDecimal(t.substring(0, 4) + t.substring(5, 7) + t.substring(8, 10));
                } catch (NumberFormatException notADate) {
                    return null;
                }
            }
            return null;
        }
    }
}
