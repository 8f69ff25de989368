package org.pdxhub.hub.reassessment;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.pdxhub.plugin.OpenType;
import org.pdxhub.plugin.ShareType;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A recorded conclusion of the periodic re-assessment of a resource's classification (art. 15):
 * the classification as it stood, and KEEP (why it still holds) or CHANGE (the catalog change
 * proposed, which the agency reviews as any other).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Reassessment(String id, String resource, int resourceVersion, ShareType shareType, OpenType openType,
                           Conclusion conclusion, String reason, Long changeId, LocalDate concludedOn, Instant concludedAt,
                           String concludedBy) {

    public enum Conclusion {
        /** The classification still holds: the reason says why (for NONE, the law it rests on is still in force). */
        KEEP,
        /** The classification must change: a catalog change was proposed and goes through the agency's review. */
        CHANGE
    }
}
