package org.pdxhub.hub.catalog;

import org.pdxhub.plugin.DataType;
import org.pdxhub.plugin.FieldSpec;

import java.util.function.Predicate;

/**
 * A data item (数据项) of a catalog resource.
 *
 * @param source     USCC of the item's authoritative source (一数一源, art. 9)
 * @param clearBasis the approved legal basis under which this personal item leaves in clear, or null
 * @param quality    the item's quality rules, or null
 * @param use        what the item may be used for without being handed over, or null
 */
public record DataItem(String name, String title, DataType type, boolean personal, int sensitivity,
                       String identifierKind, String maskingRule, String source, String clearBasis, ItemQuality quality,
                       ItemUse use) {

    /** An item declaring no use. */
    public DataItem(String name, String title, DataType type, boolean personal, int sensitivity,
                    String identifierKind, String maskingRule, String source, String clearBasis, ItemQuality quality) {
        this(name, title, type, personal, sensitivity, identifierKind, maskingRule, source, clearBasis, quality, null);
    }

    /** An item without quality rules. */
    public DataItem(String name, String title, DataType type, boolean personal, int sensitivity,
                    String identifierKind, String maskingRule, String source, String clearBasis) {
        this(name, title, type, personal, sensitivity, identifierKind, maskingRule, source, clearBasis, null);
    }

    /** An item without a clear basis. */
    public DataItem(String name, String title, DataType type, boolean personal, int sensitivity,
                    String identifierKind, String maskingRule, String source) {
        this(name, title, type, personal, sensitivity, identifierKind, maskingRule, source, null);
    }

    /** Whether the item declares {@code test} among its uses. */
    public boolean declares(Predicate<ItemUse> test) {
        return use != null && test.test(use);
    }

    /** The item as the gate sees it. */
    public FieldSpec toFieldSpec() {
        return new FieldSpec(name, type, personal, sensitivity, identifierKind, maskingRule, clearBasis);
    }

    ItemDraft toDraft() {
        return new ItemDraft(name, title, type, personal, sensitivity, identifierKind, maskingRule, source, clearBasis, quality, use);
    }
}
