package org.pdxhub.hub.usereview;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

/**
 * What a periodic review of use (art. 19) looks at for one grant, from the usage log since the
 * last review: reads by purpose, by day and by field, and what is unusual. Counts only: the log
 * holds no values, and neither does this.
 *
 * @param since           start of the period looked at: the last review, else the grant's start
 * @param workingDaysLeft working days to the due date; negative when overdue
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record UseReport(String grant, String holder, String resource, String provider, Set<String> fields, String purpose,
                        Instant validFrom, Instant validTo, String state, Instant since, LocalDate dueBy, int workingDaysLeft,
                        boolean overdue, int reads, long records, List<ByPurpose> byPurpose, List<ByDay> byDay, List<ByField> byField,
                        List<Flag> flags, List<UseReview> history) {

    /** Reads stated under one purpose. */
    public record ByPurpose(String purpose, int reads, long records) {
    }

    /** Reads on one day of the calendar's zone, and whether it was a working day. */
    public record ByDay(LocalDate day, boolean workingDay, int reads, long records) {
    }

    /** How many reads delivered a field. */
    public record ByField(String field, int reads) {
    }

    /**
     * Something the reviewer should look at.
     *
     * @param kind VOLUME (a day far above the grant's history), OUT_OF_HOURS (a read at night or on a
     *             day off), FIELDS_BEYOND_GRANT (a read that asked for fields at or past the grant's
     *             limit and was refused), REFUSED (another refusal under the grant)
     * @param seq  the usage-log entry, for a single read
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Flag(String kind, LocalDate day, Instant at, Long seq, String detail) {
    }
}
