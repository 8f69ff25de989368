package org.pdxhub.plugin;

import java.time.Instant;
import java.util.Set;

/**
 * What a requester may use (授权): the fields of one resource, for one purpose, for a period.
 *
 * @param clearFields fields the holder is entitled to in clear (decrypted), a subset of fields
 * @param purpose     the approved text of the purpose (使用用途, art. 19)
 * @param purposeCode the approved purpose's short code; a read states it or the exact text
 */
public record GrantSpec(String id, String holderUscc, String resourceCode, Set<String> fields,
                        Set<String> clearFields, String purpose, Instant validFrom, Instant validTo,
                        boolean revoked, String purposeCode) {

    public GrantSpec {
        fields = Set.copyOf(fields);
        clearFields = Set.copyOf(clearFields);
    }

    /** A grant whose purpose has no code: only its exact text states it. */
    public GrantSpec(String id, String holderUscc, String resourceCode, Set<String> fields, Set<String> clearFields,
                     String purpose, Instant validFrom, Instant validTo, boolean revoked) {
        this(id, holderUscc, resourceCode, fields, clearFields, purpose, validFrom, validTo, revoked, null);
    }

    /** True when {@code stated} is this grant's purpose code or its approved text, exactly (surrounding blanks aside). */
    public boolean allowsPurpose(String stated) {
        if (stated == null) {
            return false;
        }
        String s = stated.strip();
        return s.equals(purposeCode) || purpose != null && s.equals(purpose.strip());
    }

    /** Live at {@code now}: not revoked and inside its period (a grant past its end stops at once). */
    public boolean isLiveAt(Instant now) {
        return !revoked && !now.isBefore(validFrom) && now.isBefore(validTo);
    }
}
