package org.pdxhub.hub.catalog;

import org.pdxhub.plugin.OpenType;
import org.pdxhub.plugin.ShareType;

import java.time.Instant;

/** A resource in a list: enough to pick one; GET /{code} gives the rest. */
public record ResourceSummary(String code, String name, String provider, ResourceCategory category, ShareType shareType,
                              OpenType openType, ResourceStatus status, int version, Instant updatedAt,
                              boolean pendingChange) {
}
