package org.pdxhub.hub.sharing;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import org.pdxhub.hub.calendar.WorkingDayCalendar;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;

/**
 * A request as the API shows it: its fields, with the clock applied — whether it is overdue,
 * the working days left (negative when past), who must act now — and its steps.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RequestView(@JsonUnwrapped DataRequest request, boolean overdue, Integer workingDaysLeft, Notification.Actor waitingFor,
                          List<RequestStore.Step> steps, Set<String> acceptedMeasures) {

    static RequestView of(DataRequest r, WorkingDayCalendar calendar, Requests requests, boolean withSteps) {
        LocalDate today = calendar.today();
        boolean waiting = r.status().isOpen();
        Notification.Actor actor = waiting ? requests.waitingFor(r) : null;
        return new RequestView(r, waiting && today.isAfter(r.dueBy()), waiting ? calendar.workingDaysBetween(today, r.dueBy()) : null,
                actor, withSteps ? requests.steps(r.id()) : null,
                withSteps ? requests.acceptedMeasures(r.id()) : null);
    }
}
