package org.pdxhub.hub.sharing;

import org.pdxhub.plugin.GrantSpec;

import java.time.Instant;
import java.util.Set;

/**
 * A grant (授权) as the store keeps it: the gate's {@link GrantSpec} plus where it came from.
 *
 * @param emergencyScope  art. 38: the scope of an emergency grant, else null
 * @param emergencyMethod art. 38: the method of an emergency grant, else null
 * @param purpose         the approved text of the purpose the grant was given for (art. 19)
 * @param purposeCode     the approved purpose's short code; a read states it or the exact text
 */
public record Grant(String id, String holderUscc, String resourceCode, Set<String> fields, Set<String> clearFields,
                    String purpose, Instant validFrom, Instant validTo, GrantSource source, String sourceId,
                    String emergencyScope, String emergencyMethod, Instant createdAt, String createdBy,
                    Instant revokedAt, String revokedBy, String purposeCode) {

    public GrantSpec spec() {
        return new GrantSpec(id, holderUscc, resourceCode, fields, clearFields, purpose, validFrom, validTo, revokedAt != null,
                purposeCode);
    }

    /** The approved purpose: its code and text. */
    public Purpose approvedPurpose() {
        return new Purpose(purposeCode, purpose);
    }

    /** {@code LIVE}, {@code REVOKED}, {@code EXPIRED} or {@code PENDING} at {@code now}. */
    public String stateAt(Instant now) {
        if (revokedAt != null) {
            return "REVOKED";
        }
        if (now.isBefore(validFrom)) {
            return "PENDING";
        }
        return now.isBefore(validTo) ? "LIVE" : "EXPIRED";
    }
}
