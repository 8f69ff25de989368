package org.pdxhub.hub.link;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.pdxhub.hub.calendar.OpenDeadlines;
import org.pdxhub.hub.calendar.WorkingDayCalendar;
import org.pdxhub.hub.store.Sql;

import java.time.LocalDate;
import java.util.List;

/**
 * The agency's own dates for what department nodes sent up and still waits here, counted from its
 * receipt here, so that a holiday notice loaded at run time moves them as it moves the agency's own.
 */
@ApplicationScoped
public class AgencyRelayDeadlines implements OpenDeadlines {

    @Inject
    Sql sql;

    @Inject
    WorkingDayCalendar calendar;

    @Override
    public List<OpenDeadline> open() {
        return sql.list("select id, received_at, due_by from relayed_review where status = ? and due_by is not null order by id",
                rs -> new OpenDeadline("relayed-review", rs.getString("id"),
                        LocalDate.ofInstant(Sql.instant(rs, "received_at"), calendar.clock().getZone()), Sql.date(rs, "due_by")),
                AgencyRelay.WAITING);
    }

    @Override
    public void move(OpenDeadline deadline, LocalDate dueBy, String note) {
        sql.update("update relayed_review set due_by = ? where id = ? and status = ?", dueBy, deadline.id(), AgencyRelay.WAITING);
    }
}
