package org.pdxhub.plugin;

import java.time.Instant;
import java.util.Set;

/**
 * What a requester may use (授权): the fields of one resource, for one purpose, for a period.
 *
 * @param clearFields fields the holder is entitled to in clear (decrypted), a subset of fields
 */
public record GrantSpec(String id, String holderUscc, String resourceCode, Set<String> fields,
                        Set<String> clearFields, String purpose, Instant validFrom, Instant validTo,
                        boolean revoked) {

    public GrantSpec {
        fields = Set.copyOf(fields);
        clearFields = Set.copyOf(clearFields);
    }

    /** Live at {@code now}: not revoked and inside its period (a grant past its end stops at once). */
    public boolean isLiveAt(Instant now) {
        return !revoked && !now.isBefore(validFrom) && now.isBefore(validTo);
    }
}
