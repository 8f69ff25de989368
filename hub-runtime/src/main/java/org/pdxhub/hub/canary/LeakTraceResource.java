package org.pdxhub.hub.canary;

import io.quarkus.resteasy.reactive.jackson.CustomDeserialization;
import org.pdxhub.hub.api.StrictJson;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.pdxhub.hub.access.CurrentCaller;
import org.pdxhub.hub.access.Role;
import org.pdxhub.hub.api.ProblemException;

import java.util.List;
import java.util.Map;

@CustomDeserialization(StrictJson.Bodies.class)
@Path("/api/v1/leaks/trace")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Leaks", description = "泄露溯源: a leaked extract traced to the grant it came from, by the canary records it carries")
public class LeakTraceResource {

    /** A sample of leaked rows of one resource. */
    public record Leak(String resource, List<Map<String, Object>> rows) {
    }

    @Inject
    LeakTrace trace;

    @Inject
    CurrentCaller caller;

    @POST
    @RolesAllowed({Role.ADMIN_, Role.REVIEWER_, Role.SPECIALIST_})
    @Operation(summary = "Which grant a leaked extract came from: {\"resource\", \"rows\": [...]} → the grant, its holder, when it was read, by whom",
            description = "Rows are matched on the resource's key, as leaked (masked) or raw. By the agency's ADMIN or REVIEWER, or the"
                    + " provider's SPECIALIST.")
    public LeakTrace.Answer trace(Leak body) {
        if (body == null || body.resource() == null) {
            throw ProblemException.badRequest("missing-field", "resource", "send {\"resource\": \"<code>\", \"rows\": [{...}]}");
        }
        return trace.trace(body.resource(), body.rows(), caller.get());
    }
}
