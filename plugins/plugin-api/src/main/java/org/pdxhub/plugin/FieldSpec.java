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
 */
public record FieldSpec(String name, DataType type, boolean personal, int sensitivity,
                        String identifierKind, String maskingRule) {
}
