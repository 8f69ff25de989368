package org.pdxhub.hub.usereview;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A concluded periodic review of the use of a grant (art. 19): the period looked at, what the
 * usage log showed (counts and flags, never values), and the reviewer's conclusion.
 *
 * @param newGrantId the narrower grant that replaced the reviewed one (RESTRICT)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record UseReview(String id, String grantId, Instant periodFrom, Instant periodTo, int reads, long records, List<String> flags,
                        Conclusion conclusion, String reason, String newGrantId, LocalDate concludedOn, Instant concludedAt,
                        String concludedBy) {

    public enum Conclusion {
        /** The use fits the grant: it goes on. */
        CONTINUE,
        /** The grant is replaced by one with fewer fields (the old one is revoked). */
        RESTRICT,
        /** The grant is revoked, as by {@code POST /api/v1/grants/{id}/revoke}. */
        REVOKE
    }
}
