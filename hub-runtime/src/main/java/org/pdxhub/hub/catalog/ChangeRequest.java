package org.pdxhub.hub.catalog;

import org.pdxhub.plugin.OpenType;
import org.pdxhub.plugin.ShareType;

import java.util.List;

/**
 * A change to a published resource. Fields left out keep their published value; {@code items},
 * when given, replaces the whole list. A type that moves away from CONDITIONAL or NONE drops its
 * old conditions or basis unless new ones are given. Code and provider cannot change.
 *
 * @param reason          why (required): recorded in the history
 * @param upgradeGround   required for a move up from NONE (art. 16, 24): DE_IDENTIFICATION or CONSENT
 * @param upgradeEvidence required with upgradeGround: what was de-identified and how, or where the consent is kept
 * @param purchase        a new supplier or contract of bought data; once bought, a resource stays declared bought
 */
public record ChangeRequest(String name, String description, ResourceCategory category, ShareType shareType,
                            OpenType openType, String shareConditions, String shareBasis, String openConditions,
                            String openBasis, UpdateCycle updateCycle, String format, String keyField,
                            List<ItemDraft> items, String reason, UpgradeGround upgradeGround, String upgradeEvidence,
                            Purchase purchase) {

    /** The published definition with this change applied. */
    ResourceDraft applyTo(ResourceDraft p) {
        ShareType share = shareType == null ? p.shareType() : shareType;
        OpenType open = openType == null ? p.openType() : openType;
        return new ResourceDraft(p.code(), or(name, p.name()), p.provider(), or(description, p.description()),
                category == null ? p.category() : category, share, open,
                shareConditions != null || share != ShareType.CONDITIONAL ? shareConditions : p.shareConditions(),
                shareBasis != null || share != ShareType.NONE ? shareBasis : p.shareBasis(),
                openConditions != null || open != OpenType.CONDITIONAL ? openConditions : p.openConditions(),
                openBasis != null || open != OpenType.NONE ? openBasis : p.openBasis(),
                updateCycle == null ? p.updateCycle() : updateCycle, or(format, p.format()), or(keyField, p.keyField()),
                items == null ? p.items() : items, purchase == null ? p.purchase() : purchase);
    }

    private static String or(String given, String published) {
        return given == null ? published : given;
    }
}
