package org.pdxhub.hub.catalog;

import org.pdxhub.plugin.OpenType;
import org.pdxhub.plugin.ShareType;

import java.util.List;

/**
 * A resource (数据资源) as its provider's specialist drafts it, imports it or seeds it.
 *
 * @param code            uppercase letters, digits and dashes, e.g. GZ-PSB-POP-001
 * @param provider        USCC of the providing organisation
 * @param shareConditions required when shareType is CONDITIONAL (art. 15)
 * @param shareBasis      the law or rule, required when shareType is NONE (art. 15)
 * @param openConditions  required when openType is CONDITIONAL (art. 23)
 * @param openBasis       the law or rule, required when openType is NONE (art. 23)
 * @param format          how the data is delivered, e.g. "API (JSON)", "database table"
 * @param keyField        the item that keys a record (art. 10: citizen ID or USCC)
 * @param purchase        set when the data is bought rather than collected: needs the agency's approval (art. 9)
 */
public record ResourceDraft(String code, String name, String provider, String description, ResourceCategory category,
                            ShareType shareType, OpenType openType, String shareConditions, String shareBasis,
                            String openConditions, String openBasis, UpdateCycle updateCycle, String format,
                            String keyField, List<ItemDraft> items, Purchase purchase) {

    /** A resource the provider collects itself. */
    public ResourceDraft(String code, String name, String provider, String description, ResourceCategory category,
                         ShareType shareType, OpenType openType, String shareConditions, String shareBasis,
                         String openConditions, String openBasis, UpdateCycle updateCycle, String format,
                         String keyField, List<ItemDraft> items) {
        this(code, name, provider, description, category, shareType, openType, shareConditions, shareBasis, openConditions,
                openBasis, updateCycle, format, keyField, items, null);
    }
}
