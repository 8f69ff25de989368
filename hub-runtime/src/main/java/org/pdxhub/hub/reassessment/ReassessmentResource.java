package org.pdxhub.hub.reassessment;

import io.quarkus.resteasy.reactive.jackson.CustomDeserialization;
import io.quarkus.security.Authenticated;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.pdxhub.hub.access.Agency;
import org.pdxhub.hub.access.Caller;
import org.pdxhub.hub.access.CurrentCaller;
import org.pdxhub.hub.api.StrictJson;
import org.pdxhub.hub.calendar.WorkingDayCalendar;
import org.pdxhub.hub.today.Listing;

import java.net.URI;
import java.util.List;

@CustomDeserialization(StrictJson.Bodies.class)
@Path("/api/v1/reassessments")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Re-assessments", description = "定期更新 (art. 15): CONDITIONAL and NONE classifications re-assessed every"
        + " pdx.reassessment.period-working-days working days; the provider concludes KEEP or CHANGE (a catalog change, reviewed)")
public class ReassessmentResource {

    /** One resource's re-assessment and the conclusions recorded for it, newest first. */
    public record Detail(DueReassessment reassessment, List<Reassessment> history) {
    }

    @Inject
    Reassessments reassessments;

    @Inject
    CurrentCaller caller;

    @Inject
    Agency agency;

    @Inject
    WorkingDayCalendar calendar;

    @GET
    @Authenticated
    @Operation(summary = "Classifications under periodic re-assessment: the provider's own, all for the data agency",
            description = "state=due (default: due within pdx.reassessment.remind-working-days, or overdue), overdue, or all")
    public Listing<DueReassessment> list(@QueryParam("state") @DefaultValue("due") String state) {
        Caller c = caller.get();
        List<DueReassessment> out = Listing.<DueReassessment>states()
                .on("due", () -> reassessments.due(c))
                .on("overdue", () -> reassessments.list(c).stream().filter(DueReassessment::overdue).toList())
                .on("all", () -> reassessments.list(c))
                .select(state);
        return Listing.of(calendar.today(), "reassessments", out);
    }

    @GET
    @Path("overdue")
    @Authenticated
    @Operation(summary = "Re-assessments past their date, for the data agency (REVIEWER or ADMIN)")
    public Listing<DueReassessment> overdue() {
        agency.requireOverseer(caller.get(), "following up overdue re-assessments");
        return Listing.of(calendar.today(), "reassessments", reassessments.overdue());
    }

    @GET
    @Path("{code}")
    @Authenticated
    @Operation(summary = "One resource's re-assessment: its due date and the conclusions recorded")
    public Detail get(@PathParam("code") String code) {
        return new Detail(reassessments.find(code, caller.get()), reassessments.history(code));
    }

    @POST
    @Path("{code}/conclusion")
    @Authenticated
    @Operation(summary = "Record the conclusion: {\"conclusion\":\"KEEP\",\"reason\"} or {\"conclusion\":\"CHANGE\",\"reason\",\"changeId\"}",
            description = "By a SPECIALIST of the provider or a REVIEWER of the data agency. CHANGE names a catalog change proposed"
                    + " since the last assessment (POST /api/v1/catalog/resources/{code}/changes), which the agency reviews.")
    public Response conclude(@PathParam("code") String code, Reassessments.ConclusionAsk body) {
        Reassessment r = reassessments.conclude(code, body, caller.get());
        return Response.created(URI.create("/api/v1/reassessments/" + code)).entity(r).build();
    }
}
