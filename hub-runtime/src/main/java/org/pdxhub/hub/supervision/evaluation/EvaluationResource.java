package org.pdxhub.hub.supervision.evaluation;

import io.quarkus.security.Authenticated;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.pdxhub.hub.access.CurrentCaller;

import java.util.List;

@Path("/api/v1/evaluations")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Supervision")
public class EvaluationResource {

    @Inject
    Evaluations evaluations;

    @Inject
    CurrentCaller caller;

    @GET
    @Authenticated
    @Operation(summary = "Scores of a period (评估, art. 43; period 2026-10 or 2026-Q4), each indicator with its weight and evidence;"
            + " every department for the agency, its own for a department. rescore=true (agency) scores again with the current formula")
    public List<Evaluation> of(@QueryParam("period") String period, @QueryParam("rescore") @DefaultValue("false") boolean rescore) {
        return evaluations.of(period, rescore, caller.get());
    }

    @GET
    @Path("departments/{uscc}")
    @Authenticated
    @Operation(summary = "A department's scores over the periods evaluated: its history")
    public List<Evaluation> history(@PathParam("uscc") String uscc) {
        return evaluations.history(uscc, caller.get());
    }
}
