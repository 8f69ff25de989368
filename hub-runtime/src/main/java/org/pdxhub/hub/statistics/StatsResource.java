package org.pdxhub.hub.statistics;

import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.pdxhub.hub.access.Caller;
import org.pdxhub.hub.access.CurrentCaller;

@Path("/api/v1/open/resources/{code}/stats")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Open data")
public class StatsResource {

    @Inject
    Statistics statistics;

    @Inject
    CurrentCaller caller;

    @GET
    @PermitAll
    @Operation(summary = "Counts or sums of open data grouped by declared dimensions, with small cells suppressed and differential-privacy"
            + " noise: by=a,b, measure=count|sum:<item>, epsilon (default pdx.stats.epsilon)",
            description = "Each query spends its ε from the resource's budget for the period, shown in the answer; 429"
                    + " stats.budget-exhausted once it is spent. Cells of fewer than pdx.stats.suppress-below records are not shown.")
    public Statistics.Answer stats(@PathParam("code") String code, @QueryParam("by") String by, @QueryParam("measure") String measure,
                                   @QueryParam("epsilon") Double epsilon, @HeaderParam("Pdx-Person") String person,
                                   @HeaderParam("Pdx-Purpose") String purpose) {
        Caller c = caller.isAnonymous() ? null : caller.get();
        return statistics.query(code, by, measure, epsilon, new Statistics.Asker(c == null ? null : c.organisation(),
                person == null ? "public" : person, purpose, c == null ? null : c.keyId()));
    }
}
