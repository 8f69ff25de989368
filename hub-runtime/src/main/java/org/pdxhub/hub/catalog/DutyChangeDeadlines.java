package org.pdxhub.hub.catalog;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.pdxhub.hub.calendar.OpenDeadlines;
import org.pdxhub.hub.store.Sql;

import java.time.LocalDate;
import java.util.List;

/** The catalog updates still due after a change of law or duty (art. 8), counted from the day it changed. */
@ApplicationScoped
public class DutyChangeDeadlines implements OpenDeadlines {

    @Inject
    DutyChanges dutyChanges;

    @Inject
    Sql sql;

    @Override
    public List<OpenDeadline> open() {
        return dutyChanges.list(null, true).stream()
                .map(d -> new OpenDeadline("duty-change", String.valueOf(d.id()), d.changedOn(), d.dueBy())).toList();
    }

    @Override
    public void move(OpenDeadline deadline, LocalDate dueBy, String note) {
        sql.update("update catalog_duty_change set due_by = ? where id = ?", dueBy, Long.parseLong(deadline.id()));
    }
}
