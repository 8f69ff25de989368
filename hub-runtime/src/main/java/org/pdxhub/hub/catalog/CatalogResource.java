package org.pdxhub.hub.catalog;

import org.pdxhub.plugin.OpenType;
import org.pdxhub.plugin.ResourceSpec;
import org.pdxhub.plugin.ShareType;

import java.time.Instant;
import java.util.List;

/**
 * A catalog resource (数据资源) as the catalog holds it: one version of its definition with its
 * lifecycle.
 *
 * @param version          the version shown; 0 for a resource never published
 * @param latestVersion    the newest published version (0 if none)
 * @param pendingChange    a change or retirement waiting for review, if any
 * @param repeatCollection items that another published resource already provides as authoritative source
 * @param purchase         the supplier and contract of bought data, or null
 */
public record CatalogResource(String code, String name, String provider, String description, ResourceCategory category,
                              ShareType shareType, OpenType openType, String shareConditions, String shareBasis,
                              String openConditions, String openBasis, UpdateCycle updateCycle, String format,
                              String keyField, List<DataItem> items, ResourceStatus status, int version,
                              int latestVersion, Instant publishedAt, Instant updatedAt, String returnComment,
                              CatalogChange pendingChange, List<RepeatCollection> repeatCollection, Purchase purchase) {

    /** The definition as the gate sees it. */
    public ResourceSpec spec() {
        return new ResourceSpec(code, version, provider, shareType, openType, keyField,
                items.stream().map(DataItem::toFieldSpec).toList());
    }

    /** The definition as a draft, for a change to start from. */
    public ResourceDraft toDraft() {
        return new ResourceDraft(code, name, provider, description, category, shareType, openType, shareConditions,
                shareBasis, openConditions, openBasis, updateCycle, format, keyField,
                items.stream().map(DataItem::toDraft).toList(), purchase);
    }
}
