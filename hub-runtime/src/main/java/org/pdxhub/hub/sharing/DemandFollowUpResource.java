package org.pdxhub.hub.sharing;

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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.pdxhub.hub.access.Agency;
import org.pdxhub.hub.access.CurrentCaller;
import org.pdxhub.hub.api.StrictJson;
import org.pdxhub.hub.calendar.WorkingDayCalendar;
import org.pdxhub.hub.today.Listing;

import java.util.List;

@CustomDeserialization(StrictJson.Bodies.class)
@Path("/api/v1/demand-follow-ups")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Demand follow-ups", description = "Art. 21: an approved demand is served within pdx.sharing.demand-follow-up-days"
        + " working days, closed only by the published catalog entry's code")
public class DemandFollowUpResource {

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
    public Listing<DemandFollowUp> overdue() {
        agency.requireOverseer(caller.get(), "following up approved demands");
        return Listing.of(calendar.today(), "followUps", followUps.overdue());
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
