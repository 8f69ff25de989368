package org.pdxhub.hub.deadletter;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
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
import org.pdxhub.hub.access.Role;
import org.pdxhub.hub.api.ProblemException;

import java.util.List;

@Path("/api/v1/dead-letters")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Dead letters")
@RolesAllowed(Role.ADMIN_)
public class DeadLettersResource {

    @Inject
    DeadLetters letters;

    @GET
    @Operation(summary = "The messages on the dead-letter address pdx.dlq, oldest first, without taking them off:"
            + " why each is there (rule, reason), its resource and message id, and where it came from")
    public List<DeadLetter> list(@QueryParam("offset") @DefaultValue("0") int offset, @QueryParam("limit") @DefaultValue("100") int limit) {
        if (limit < 1 || limit > 1000 || offset < 0) {
            throw ProblemException.badRequest("invalid-parameter", "limit", "limit must be 1..1000 and offset at least 0");
        }
        return letters.list(offset, limit);
    }

    @POST
    @Path("{id}/replay")
    @Operation(summary = "Sends a dead letter back to the address it came from (through the gate again when it came from outside)"
            + " and takes it off pdx.dlq; a refusal by the gate cannot be replayed (409): its sender corrects and sends again")
    public DeadLetter replay(@PathParam("id") String id) {
        return letters.replay(id);
    }
}
