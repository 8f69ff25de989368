package org.pdxhub.hub.calendar;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.security.Authenticated;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.pdxhub.hub.access.CurrentCaller;
import org.pdxhub.hub.access.Role;
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

    /**
     * @param years        each covered year and where its days come from
     * @param uncovered    this year and the next when not covered: due dates there are provisional
     */
    public record Coverage(LocalDate today, List<WorkingDayCalendar.YearSource> years, List<Integer> uncovered, String note) {
    }

    private static final int MAX_DAYS = 366;

    @Inject
    NoticeLoader loader;

    @Inject
    CurrentCaller caller;

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

    @GET
    @Operation(summary = "The years the working-day calendar covers and where each comes from",
            description = "A due date counted across a year not covered (weekends only) carries \"provisional\": true wherever it"
                    + " is shown, until that year's notice is loaded (POST /api/v1/calendar/years/{year}).")
    public Coverage coverage() {
        LocalDate today = calendar.today();
        List<Integer> uncovered = new ArrayList<>();
        for (int y = today.getYear(); y <= today.getYear() + 1; y++) {
            if (!calendar.coveredYears().contains(y)) {
                uncovered.add(y);
            }
        }
        return new Coverage(today, calendar.coverage(), uncovered, uncovered.isEmpty() ? null
                : "only weekends are days off in " + uncovered + ": load the State Council notice of each (POST /api/v1/calendar/years/{year})");
    }

    @POST
    @Path("years/{year}")
    @Consumes({"text/csv", MediaType.TEXT_PLAIN})
    @RolesAllowed(Role.ADMIN_)
    @Operation(summary = "Load a year's official holidays and make-up working days (放假调休) from the State Council notice",
            description = "For an ADMIN of the data agency (pdx.node.agency) only."
                    + " Body: CSV, UTF-8, header date_from,date_to,kind,name (kind HOLIDAY or WORKDAY), every date in {year}."
                    + " Each line is checked; a refused notice lists every line at fault and nothing changes. Stored (a restart and"
                    + " the platform's other nodes count with it), it replaces an earlier notice of the same year. Every deadline"
                    + " still running that the new days change is counted again from its start; the answer lists them"
                    + " (kind, id, old and new due date). Query: source, what the notice is (e.g. 国办发明电〔2026〕12号).")
    public NoticeLoader.Loaded loadYear(@PathParam("year") String yearText,
                                        @QueryParam("source") @Parameter(description = "the notice's reference, up to 200 characters") String source,
                                        byte[] body) {
        NoticeUpload notice = NoticeUpload.of(yearText, source, body, "notice loaded by key " + caller.get().keyId());
        try {
            return loader.load(notice.year(), notice.csv(), notice.source(), caller.get());
        } catch (HolidayList.Invalid e) {
            throw NoticeUpload.refused(e);
        }
    }

    @POST
    @Path("years/{year}/preview")
    @Consumes({"text/csv", MediaType.TEXT_PLAIN})
    @RolesAllowed(Role.ADMIN_)
    @Operation(summary = "What loading a year's notice would change, nothing stored",
            description = "The same body and checks as POST /api/v1/calendar/years/{year}. The answer lists each day of the year"
                    + " whose kind changes (WORKING, WEEKEND, HOLIDAY, WORKDAY: a working day turned holiday, a weekend turned"
                    + " make-up working day, and back) and the deadlines still running that would be counted again.")
    public NoticeLoader.Preview previewYear(@PathParam("year") String yearText, byte[] body) {
        NoticeUpload notice = NoticeUpload.of(yearText, null, body, "preview");
        try {
            return loader.preview(notice.year(), notice.csv(), caller.get());
        } catch (HolidayList.Invalid e) {
            throw NoticeUpload.refused(e);
        }
    }
}
