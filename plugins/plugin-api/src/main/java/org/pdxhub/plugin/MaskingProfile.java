package org.pdxhub.plugin;

import java.util.Map;

/**
 * What masking a destination gets (aggregation up, share, open): rules by field, by identifier
 * kind, and a default for personal items that nothing else names. Loaded from a node's
 * configuration folder.
 *
 * @param byField         rules for named fields; win over everything else
 * @param itemRules       whether an item's own masking rule applies when no field rule does
 * @param byKind          rules for items of an identifier kind
 * @param personalDefault rule for any other personal item, or null to pass it as it is; never null
 *                        for aggregation and open data, where only an item's approved clear basis
 *                        lets personal data through unmasked
 */
public record MaskingProfile(String name, Destination destination, Map<String, MaskRule> byField,
                             boolean itemRules, Map<String, MaskRule> byKind, MaskRule personalDefault) {

    public MaskingProfile {
        byField = Map.copyOf(byField);
        byKind = Map.copyOf(byKind);
    }

    /** The rule for one item under this profile, or null when the item passes unmasked. */
    public MaskRule ruleFor(FieldSpec item) {
        MaskRule rule = byField.get(item.name());
        if (rule == null && itemRules && item.maskingRule() != null) {
            rule = MaskRule.parse(item.maskingRule());
        }
        if (rule == null && item.clearBasis() != null) {
            return null;
        }
        if (rule == null && item.identifierKind() != null) {
            rule = byKind.get(item.identifierKind());
        }
        if (rule == null && item.personal()) {
            rule = personalDefault;
        }
        return rule;
    }
}
