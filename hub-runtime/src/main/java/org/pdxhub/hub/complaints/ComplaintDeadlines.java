package org.pdxhub.hub.complaints;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.pdxhub.hub.calendar.OpenDeadlines;
import org.pdxhub.hub.store.Sql;

import java.time.LocalDate;
import java.util.List;

/** Complaints not answered yet (art. 44), counted from the day they were filed. */
@ApplicationScoped
public class ComplaintDeadlines implements OpenDeadlines {

    @Inject
    Sql sql;

    @Override
    public List<OpenDeadline> open() {
        return sql.list("select id, filed_on, due_by from complaint where status = 'OPEN' order by id",
                rs -> new OpenDeadline("complaint", rs.getString("id"), Sql.date(rs, "filed_on"), Sql.date(rs, "due_by")));
    }

    @Override
    public void move(OpenDeadline deadline, LocalDate dueBy, String note) {
        sql.update("update complaint set due_by = ? where id = ? and status = 'OPEN'", dueBy, deadline.id());
    }
}
