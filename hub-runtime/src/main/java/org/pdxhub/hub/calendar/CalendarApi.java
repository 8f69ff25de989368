package org.pdxhub.hub.calendar;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.security.Authenticated;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.pdxhub.hub.api.ProblemException;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

@Path("/api/v1/calendar")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Calendar", description = "Working days (工作日) and the deadlines counted in them")
@Authenticated
public class CalendarApi {

    /** A day off or a make-up working day met while counting. */
    public record ListedDay(LocalDate date, String kind, String name) {
    }

    /**
     * @param dueBy   {@code days} working days after {@code from}, which itself is not counted
     * @param listed  the holidays, weekends-turned-working-days and weekends passed on the way
     * @param covered false when a year on the way is not in the holiday list (weekends only)
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Deadline(LocalDate from, int days, LocalDate dueBy, boolean fromIsWorkingDay, List<ListedDay> listed,
                           boolean covered, Set<Integer> coveredYears, String warning) {
    }

    private static final int MAX_DAYS = 366;

    @Inject
    WorkingDayCalendar calendar;

    @Inject
    Deadlines deadlines;

    @GET
    @Path("working-days")
    @Operation(summary = "The date N working days after a date (the start day not counted)",
            description = "The deadline rule of every workflow: `from=2026-09-30&days=1` gives 2026-10-08 (National Day week off),"
                    + " and a Friday plus one working day gives the next Monday. Holidays and make-up working days met on the way"
                    + " are listed with their names.")
    public Deadline workingDays(@QueryParam("from") @Parameter(description = "yyyy-mm-dd; default today (Asia/Shanghai)") String from,
                                @QueryParam("days") @Parameter(description = "working days to add, 0 to 366", required = true) Integer days) {
        if (days == null || days < 0 || days > MAX_DAYS) {
            throw ProblemException.badRequest("invalid-days", "days", "days is required: a whole number of working days from 0 to " + MAX_DAYS);
        }
        LocalDate start;
        try {
            start = from == null || from.isBlank() ? calendar.today() : LocalDate.parse(from.strip());
        } catch (DateTimeException e) {
            throw ProblemException.badRequest("invalid-date", "from", "from must be a date written yyyy-mm-dd, e.g. 2026-09-30");
        }
        LocalDate due = calendar.addWorkingDays(start, days);
        List<ListedDay> listed = new ArrayList<>();
        boolean covered = calendar.covers(start);
        for (LocalDate d = start.plusDays(1); !d.isAfter(due); d = d.plusDays(1)) {
            covered &= calendar.covers(d);
            HolidayList.Day day = calendar.listed(d);
            if (day != null) {
                listed.add(new ListedDay(d, day.kind().name(), day.name()));
            } else if (!calendar.isWorkingDay(d)) {
                listed.add(new ListedDay(d, "WEEKEND", null));
            }
        }
        String warning = covered ? null : "a year on the way is not in the holiday list: only weekends were counted as days off there";
        return new Deadline(start, days, due, calendar.isWorkingDay(start), listed, covered, calendar.coveredYears(), warning);
    }

    @GET
    @Path("deadlines")
    @Operation(summary = "The configured deadline of each rule, in working days (pdx.deadlines.*)")
    public Map<String, Integer> deadlines() {
        return Map.of("catalog-update", deadlines.catalogUpdate(),
                "unconditional-share-review", deadlines.unconditionalShareReview(),
                "conditional-share-decision", deadlines.conditionalShareDecision(),
                "demand-response", deadlines.demandResponse(),
                "open-application", deadlines.openApplication(),
                "dispute-decision", deadlines.disputeDecision());
    }
}
