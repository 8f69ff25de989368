package org.pdxhub.hub.usereview;

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
@Path("/api/v1/use-reviews")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Use reviews", description = "定期审查数据使用情况 (art. 19): each live grant's use reviewed every"
        + " pdx.use-review.period-working-days working days from the usage log (counts, never values), unusual use flagged,"
        + " the conclusion recorded: CONTINUE, RESTRICT or REVOKE")
public class UseReviewResource {

    @Inject
    UseReviews reviews;

    @Inject
    CurrentCaller caller;

    @Inject
    Agency agency;

    @Inject
    WorkingDayCalendar calendar;

    @GET
    @Authenticated
    @Operation(summary = "Reviews of use of live grants: the holder's and the provider's own, all for the data agency",
            description = "state=due (default: due within pdx.use-review.remind-working-days, or overdue), overdue, flagged, or all")
    public Listing<UseReport> list(@QueryParam("state") @DefaultValue("due") String state) {
        Caller c = caller.get();
        List<UseReport> out = Listing.<UseReport>states()
                .on("due", () -> reviews.list(c).stream().filter(reviews::isDue).toList())
                .on("overdue", () -> reviews.list(c).stream().filter(UseReport::overdue).toList())
                .on("flagged", () -> reviews.list(c).stream().filter(r -> !r.flags().isEmpty()).toList())
                .on("all", () -> reviews.list(c))
                .select(state);
        return Listing.of(calendar.today(), "reviews", out);
    }

    @GET
    @Path("overdue")
    @Authenticated
    @Operation(summary = "Reviews of use past their date, for the data agency (REVIEWER or ADMIN)")
    public Listing<UseReport> overdue() {
        agency.requireOverseer(caller.get(), "following up overdue reviews of use");
        return Listing.of(calendar.today(), "reviews", reviews.overdue());
    }

    @GET
    @Path("{grant}")
    @Authenticated
    @Operation(summary = "The review of one grant: reads by purpose, day and field since the last review, the flags, the history")
    public UseReport get(@PathParam("grant") String grant) {
        return reviews.find(grant, caller.get());
    }

    @POST
    @Path("{grant}/conclusion")
    @Authenticated
    @Operation(summary = "Record the conclusion: {\"conclusion\":\"CONTINUE\"|\"RESTRICT\"|\"REVOKE\",\"reason\",\"fields\"}",
            description = "CONTINUE by a SPECIALIST of the holder or provider, or the agency's REVIEWER; RESTRICT (fields: those the"
                    + " grant keeps; a narrower grant replaces it) and REVOKE by the agency's REVIEWER only, as any revocation.")
    public Response conclude(@PathParam("grant") String grant, UseReviews.ConclusionAsk body) {
        UseReview r = reviews.conclude(grant, body, caller.get());
        return Response.created(URI.create("/api/v1/use-reviews/" + grant)).entity(r).build();
    }
}
