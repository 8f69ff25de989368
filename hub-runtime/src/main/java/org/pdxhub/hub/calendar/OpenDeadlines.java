package org.pdxhub.hub.calendar;

import java.time.LocalDate;
import java.util.List;

/**
 * A workflow's deadlines still running, so that a holiday notice loaded at run time can move the
 * ones it changes. Each feature that counts a due date in working days offers one.
 */
public interface OpenDeadlines {

    /**
     * @param kind        what waits, e.g. {@code share-request}, {@code duty-change}, {@code complaint}
     * @param countedFrom the day the working days are counted from (not itself counted)
     */
    record OpenDeadline(String kind, String id, LocalDate countedFrom, LocalDate dueBy) {
    }

    /** Every deadline not yet met or closed. */
    List<OpenDeadline> open();

    /** Sets the deadline to the date counted on the new calendar, in the caller's transaction. */
    void move(OpenDeadline deadline, LocalDate dueBy, String note);
}
