package org.pdxhub.hub.sharing;

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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.pdxhub.hub.access.Agency;
import org.pdxhub.hub.access.Caller;
import org.pdxhub.hub.access.CurrentCaller;
import org.pdxhub.hub.access.Role;
import org.pdxhub.hub.calendar.WorkingDayCalendar;

import java.time.LocalDate;
import java.util.List;

@Path("/api/v1/demand-follow-ups")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Demand follow-ups", description = "Art. 21: an approved demand is served within pdx.sharing.demand-follow-up-days"
        + " working days, closed only by the published catalog entry's code")
public class DemandFollowUpResource {

    /** Follow-ups past their date, as of today. */
    public record Overdue(LocalDate today, int count, List<DemandFollowUp> followUps) {
    }

    @Inject
    DemandFollowUps followUps;

    @Inject
    CurrentCaller caller;

    @Inject
    Agency agency;

    @Inject
    WorkingDayCalendar calendar;

    @GET
    @Authenticated
    @Operation(summary = "Follow-ups of approved demands the caller provides or asked for; all, for the data agency; open=true for the open")
    public List<DemandFollowUp> list(@QueryParam("open") @DefaultValue("false") boolean open) {
        return followUps.list(caller.get(), open);
    }

    @GET
    @Path("overdue")
    @Authenticated
    @Operation(summary = "Approved demands not yet served past their date, for the data agency (REVIEWER or ADMIN)")
    public Overdue overdue() {
        Caller c = caller.get();
        if (!agency.is(c, Role.REVIEWER) && !agency.is(c, Role.ADMIN)) {
            throw agency.notReviewer(c, "following up approved demands");
        }
        List<DemandFollowUp> late = followUps.overdue();
        return new Overdue(calendar.today(), late.size(), late);
    }

    @GET
    @Path("{id}")
    @Authenticated
    @Operation(summary = "The follow-up of one approved demand (by the demand's id)")
    public DemandFollowUp get(@PathParam("id") String id) {
        return followUps.find(id, caller.get());
    }

    @POST
    @Path("{id}/close")
    @Authenticated
    @Operation(summary = "The provider's SPECIALIST closes it with {\"resource\": code} of the catalog entry published to serve the demand")
    public DemandFollowUp close(@PathParam("id") String id, DemandFollowUps.Close body) {
        return followUps.close(id, body, caller.get());
    }
}
