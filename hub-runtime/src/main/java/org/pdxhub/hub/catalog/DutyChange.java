package org.pdxhub.hub.catalog;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A change of law or duty registered for an organisation (art. 8): its catalog update is due
 * {@code dueBy}, the configured working days (15) after {@code changedOn}, the day the law or
 * duty changed (not the day it was typed in). It closes when the agency has reviewed the
 * answer: the catalog change or new resource published, or the "no change needed" accepted.
 *
 * @param changedOn       the day the law, regulation or rule changed, or the duty moved
 * @param registeredOn    the day it was registered in the hub
 * @param answer          the organisation's answer, null until it answers (or after the agency rejected it)
 * @param decision        the agency's decision on a "no change needed" answer
 * @param overdue         not closed and past {@code dueBy}
 * @param workingDaysLeft working days from today to {@code dueBy} while not closed; negative once overdue
 */
public record DutyChange(long id, String organisation, Kind kind, String description, LocalDate changedOn,
                         LocalDate registeredOn, LocalDate dueBy, Instant registeredAt, String registeredBy, Status status,
                         Answer answer, Decision decision, boolean overdue, Integer workingDaysLeft) {

    /** LAW: a law, regulation or rule changed (法律、法规、规章修改). DUTY: the organisation's duties changed (职能变更). */
    public enum Kind { LAW, DUTY }

    /** OPEN: the organisation owes an answer. AWAITING_REVIEW: the agency owes its review. CLOSED: reviewed and done. */
    public enum Status { OPEN, AWAITING_REVIEW, CLOSED }

    /**
     * How an organisation answers: a change proposed to one of its published resources
     * (CATALOG_CHANGE), a new resource submitted for review (NEW_RESOURCE), or a reasoned "no
     * change needed" (NO_CHANGE_NEEDED) that the agency accepts or rejects.
     */
    public enum AnswerKind { CATALOG_CHANGE, NEW_RESOURCE, NO_CHANGE_NEEDED }

    /** ACCEPTED closes a "no change needed"; REJECTED sends it back to the organisation. */
    public enum Outcome { ACCEPTED, REJECTED }

    /**
     * @param catalogChange the id of the catalog change (CATALOG_CHANGE)
     * @param resource      the code of the new resource (NEW_RESOURCE)
     * @param reason        why no change is needed (NO_CHANGE_NEEDED), or a note
     */
    public record Answer(AnswerKind kind, Long catalogChange, String resource, String reason, Instant at, String by) {
    }

    public record Decision(Outcome outcome, Instant at, String by, String note) {
    }

    DutyChange with(Status status, boolean overdue, Integer workingDaysLeft) {
        return new DutyChange(id, organisation, kind, description, changedOn, registeredOn, dueBy, registeredAt, registeredBy,
                status, answer, decision, overdue, workingDaysLeft);
    }
}
