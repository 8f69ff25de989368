package org.pdxhub.hub.catalog;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A change of law or duty registered for an organisation (art. 8): its catalog update is due
 * {@code dueBy}, the configured working days (15) after {@code registeredOn}.
 *
 * @param workingDaysLeft working days from today to {@code dueBy}; negative once overdue
 * @param answer          how the organisation answered: the resources it updated, or why none needed to change
 */
public record DutyChange(long id, String organisation, Kind kind, String description, LocalDate registeredOn,
                         LocalDate dueBy, Instant registeredAt, String registeredBy, Instant answeredAt,
                         String answeredBy, String answer, boolean overdue, Integer workingDaysLeft) {

    /** LAW: a law, regulation or rule changed (法律、法规、规章修改). DUTY: the organisation's duties changed (职能变更). */
    public enum Kind { LAW, DUTY }
}
