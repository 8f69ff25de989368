package org.pdxhub.hub.sharing;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.pdxhub.hub.calendar.OpenDeadlines;
import org.pdxhub.hub.calendar.WorkingDayCalendar;
import org.pdxhub.hub.store.Sql;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The request steps waiting now (art. 18, 21, 26: review, answer, dispute decision) and the
 * confirmations of deletion or sealing after an emergency grant (art. 38). A request's deadline
 * counts from the day of the last step that set one, which the step record keeps.
 */
@ApplicationScoped
public class RequestDeadlines implements OpenDeadlines {

    /** The step a recount leaves; not a start to count from, so a second notice counts from the same day as the first. */
    static final String RECOUNTED = "DUE_RECOUNTED";

    @Inject
    Sql sql;

    @Inject
    WorkingDayCalendar calendar;

    @Override
    public List<OpenDeadline> open() {
        List<OpenDeadline> out = new ArrayList<>(sql.list("select r.id, r.kind, r.submitted_on, r.due_by,"
                        + " (select max(s.at) from data_request_step s where s.request_id = r.id and s.due_by is not null"
                        + " and s.action <> '" + RECOUNTED + "') as set_at"
                        + " from data_request r where r.status in ('SUBMITTED', 'DISPUTED') and r.due_by is not null order by r.id",
                rs -> {
                    Instant setAt = Sql.instant(rs, "set_at");
                    LocalDate from = setAt == null ? Sql.date(rs, "submitted_on") : LocalDate.ofInstant(setAt, calendar.clock().getZone());
                    return new OpenDeadline(kind(rs.getString("kind")), rs.getString("id"), from, Sql.date(rs, "due_by"));
                }));
        out.addAll(sql.list("select grant_id, recorded_at, due_by from emergency_sealing where confirmed_at is null and due_by is not null"
                        + " order by grant_id",
                rs -> new OpenDeadline("sealing-confirmation", rs.getString("grant_id"),
                        LocalDate.ofInstant(Sql.instant(rs, "recorded_at"), calendar.clock().getZone()), Sql.date(rs, "due_by"))));
        return out;
    }

    @Override
    public void move(OpenDeadline deadline, LocalDate dueBy, String note) {
        if (deadline.kind().equals("sealing-confirmation")) {
            sql.update("update emergency_sealing set due_by = ? where grant_id = ? and confirmed_at is null", dueBy, deadline.id());
            return;
        }
        if (sql.update("update data_request set due_by = ? where id = ? and due_by = ?", dueBy, deadline.id(), deadline.dueBy()) == 1) {
            sql.update("insert into data_request_step (request_id, at, action, actor, note, due_by) values (?, ?, ?, ?, ?, ?)",
                    deadline.id(), Instant.now(calendar.clock()), RECOUNTED, "calendar", note, dueBy);
        }
    }

    private static String kind(String requestKind) {
        return requestKind.toLowerCase().replace('_', '-');
    }
}
