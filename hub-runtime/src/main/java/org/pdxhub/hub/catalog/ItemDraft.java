package org.pdxhub.hub.catalog;

import org.pdxhub.plugin.DataType;

/**
 * A data item (数据项) as a specialist writes it.
 *
 * @param name           the field name in records: a letter, then letters, digits or '_'
 * @param title          the item's name for people, e.g. 公民身份号码
 * @param sensitivity    grade 1 (public) to 4 (sensitive personal or secret)
 * @param identifierKind an identifier check the values must pass: citizen-id, uscc, mobile, phone...
 * @param maskingRule    a rule naming a masking strategy, e.g. keep(3,4); applied by the gate
 * @param source         USCC of the item's authoritative source (一数一源, art. 9); default the provider
 * @param clearBasis     for a personal item that must leave in clear where profiles mask personal
 *                       data by default (aggregation, open data): the law, its article and the text
 *                       that require it. The data agency's review approves it: a change that adds or
 *                       alters one is never applied before review
 * @param quality        the item's quality rules, checked by the gate; null for none
 * @param use            what the item may be used for without being handed over (verification,
 *                       statistics); null for nothing
 */
public record ItemDraft(String name, String title, DataType type, Boolean personal, Integer sensitivity,
                        String identifierKind, String maskingRule, String source, String clearBasis, ItemQuality quality,
                        ItemUse use) {

    /** An item declaring no use. */
    public ItemDraft(String name, String title, DataType type, Boolean personal, Integer sensitivity,
                     String identifierKind, String maskingRule, String source, String clearBasis, ItemQuality quality) {
        this(name, title, type, personal, sensitivity, identifierKind, maskingRule, source, clearBasis, quality, null);
    }

    /** An item without quality rules. */
    public ItemDraft(String name, String title, DataType type, Boolean personal, Integer sensitivity,
                     String identifierKind, String maskingRule, String source, String clearBasis) {
        this(name, title, type, personal, sensitivity, identifierKind, maskingRule, source, clearBasis, null);
    }

    /** The same item with another title: what an editorial change may alter. */
    ItemDraft withTitle(String newTitle) {
        return new ItemDraft(name, newTitle, type, personal, sensitivity, identifierKind, maskingRule, source, clearBasis, quality, use);
    }

    /** An item without a clear basis. */
    public ItemDraft(String name, String title, DataType type, Boolean personal, Integer sensitivity,
                     String identifierKind, String maskingRule, String source) {
        this(name, title, type, personal, sensitivity, identifierKind, maskingRule, source, null);
    }
}
