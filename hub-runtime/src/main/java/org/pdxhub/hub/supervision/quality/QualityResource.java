package org.pdxhub.hub.supervision.quality;

import io.quarkus.security.Authenticated;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.pdxhub.hub.access.CurrentCaller;
import org.pdxhub.hub.api.ProblemException;
import org.pdxhub.hub.calendar.WorkingDayCalendar;
import org.pdxhub.hub.supervision.Oversight;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;

@Path("/api/v1/quality")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Supervision", description = "数据质量, 纠错, 定期通报, 评估 (arts. 9, 25, 42, 43): quality measured where data passes,"
        + " corrections, periodic reports and evaluation scores")
public class QualityResource {

    @Inject
    Quality quality;

    @Inject
    Oversight oversight;

    @Inject
    CurrentCaller caller;

    @Inject
    WorkingDayCalendar calendar;

    @GET
    @Path("resources/{code}")
    @Authenticated
    @Operation(summary = "Quality of one resource over a period (from, to: yyyy-MM-dd, default the last 30 days): conformity,"
            + " completeness, accuracy, uniqueness, timeliness, availability; its provider's SPECIALIST or the agency")
    public ResourceQuality resource(@PathParam("code") String code, @QueryParam("from") String from, @QueryParam("to") String to) {
        oversight.requireSees(caller.get(), quality.providerOf(code), "quality figures");
        LocalDate end = date(to, "to", calendar.today());
        return quality.resource(code, date(from, "from", end.minusDays(29)), end);
    }

    @GET
    @Path("organisations/{uscc}")
    @Authenticated
    @Operation(summary = "Quality of every published resource an organisation provides, over a period (from, to)")
    public Quality.OrganisationQuality organisation(@PathParam("uscc") String uscc, @QueryParam("from") String from,
                                                    @QueryParam("to") String to) {
        oversight.requireSees(caller.get(), uscc, "quality figures");
        LocalDate end = date(to, "to", calendar.today());
        return quality.organisation(uscc, date(from, "from", end.minusDays(29)), end);
    }

    static LocalDate date(String text, String field, LocalDate otherwise) {
        if (text == null || text.isBlank()) {
            return otherwise;
        }
        try {
            return LocalDate.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest("invalid-date", field, field + " '" + text + "' is not a date: write yyyy-MM-dd");
        }
    }
}
