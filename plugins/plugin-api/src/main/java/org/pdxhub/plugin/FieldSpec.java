package org.pdxhub.plugin;

/**
 * One data item (数据项) of a catalog resource, as the gate sees it.
 *
 * @param name           the field name in records
 * @param type           declared type
 * @param personal       whether the item is personal data
 * @param sensitivity    grade 1 (public) to 4 (sensitive personal or secret)
 * @param identifierKind name of an {@link IdentifierCheck} that values must pass, or null
 * @param maskingRule    a rule such as {@code keep(3,4)} or {@code pseudonym(sm3)}, or null
 * @param clearBasis     the law, article and text under which this personal item may leave in clear
 *                       where a profile would mask it by default (aggregation, open data), as the
 *                       data agency approved it in the catalog's review; null for none
 */
public record FieldSpec(String name, DataType type, boolean personal, int sensitivity,
                        String identifierKind, String maskingRule, String clearBasis) {

    /** An item without a clear basis: masked wherever its profile masks personal data. */
    public FieldSpec(String name, DataType type, boolean personal, int sensitivity, String identifierKind, String maskingRule) {
        this(name, type, personal, sensitivity, identifierKind, maskingRule, null);
    }
}
