package org.pdxhub.hub.complaints;

import io.quarkus.resteasy.reactive.jackson.CustomDeserialization;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.pdxhub.hub.api.StrictJson;

@CustomDeserialization(StrictJson.Bodies.class)
@Path("/api/v1/open/complaints")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Complaints")
public class OpenComplaintResource {

    @Inject
    Complaints complaints;

    @POST
    @PermitAll
    @Operation(summary = "Anyone complains about a use of public data, without a key (art. 44)",
            description = "Body: complainant, contact (kept masked), resource or organisation, subject. The answer carries a token,"
                    + " shown once: the result is read at GET /api/v1/open/complaints/{token}.")
    public Response file(Complaints.ComplaintAsk body) {
        return Response.status(201).entity(complaints.file(body)).build();
    }

    @GET
    @Path("{token}")
    @PermitAll
    @Operation(summary = "The complaint and its answer, by the token returned at filing")
    public Complaint get(@PathParam("token") String token) {
        return complaints.byToken(token);
    }
}
