package org.pdxhub.hub.console;

import io.quarkus.qute.Template;
import jakarta.annotation.security.PermitAll;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.pdxhub.hub.access.Caller;
import org.pdxhub.hub.api.ProblemException;
import org.pdxhub.hub.calendar.WorkingDayCalendar;
import org.pdxhub.hub.today.DueItem;
import org.pdxhub.hub.today.DueItemSource;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Today (今日待办): what this person must do, by working days left. */
@Path("/")
@PermitAll
public class TodayPage {

    private static final Logger LOG = Logger.getLogger(TodayPage.class);
    /** "This week" in working days: a working week from today. */
    static final int WEEK = 5;

    /**
     * An item on the page: its working days left (negative when late) and its band.
     *
     * @param band overdue, today, week, later or open (no deadline)
     */
    public record Row(DueItem item, Integer daysLeft, String band) {
    }

    @Inject
    Template today;

    @Inject
    ConsoleRequest console;

    @Inject
    @Any
    Instance<DueItemSource> sources;

    @Inject
    WorkingDayCalendar calendar;

    @GET
    public Response page() {
        return console.view(() -> {
            Caller person = console.caller();
            LocalDate now = calendar.today();
            List<Row> rows = new ArrayList<>();
            for (DueItemSource source : sources) {
                try {
                    source.dueFor(person).forEach(i -> rows.add(row(i, now)));
                } catch (ProblemException e) {
                    // One feature's refusal must not hide the others' items.
                    LOG.debugf("Due items of %s skipped: %s", source.getClass().getSimpleName(), e.getMessage());
                }
            }
            rows.sort(Comparator.comparing((Row r) -> r.daysLeft() == null ? Integer.MAX_VALUE : r.daysLeft())
                    .thenComparing(r -> r.item().title()));
            return console.page(today, "today").data("today", now)
                    .data("overdue", band(rows, "overdue")).data("dueToday", band(rows, "today"))
                    .data("week", band(rows, "week")).data("later", band(rows, "later")).data("open", band(rows, "open"));
        });
    }

    private Row row(DueItem i, LocalDate now) {
        if (i.dueBy() == null) {
            return new Row(i, null, "open");
        }
        int left = now.isAfter(i.dueBy()) ? -calendar.workingDaysBetween(i.dueBy(), now) : calendar.workingDaysBetween(now, i.dueBy());
        String band = now.isAfter(i.dueBy()) ? "overdue" : left == 0 ? "today" : left <= WEEK ? "week" : "later";
        return new Row(i, left, band);
    }

    private static List<Row> band(List<Row> rows, String band) {
        return rows.stream().filter(r -> r.band().equals(band)).toList();
    }
}
