package org.pdxhub.hub.lineage;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.pdxhub.hub.access.Role;

@Path("/api/v1/lineage")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Lineage")
public class LineageResource {

    @Inject
    Lineage lineage;

    @GET
    @Path("{code}/{key}")
    @RolesAllowed({Role.ADMIN_, Role.REVIEWER_})
    @Operation(summary = "Every hop and use of one record: the nodes it passed (time, masking, usage-log entry, person, purpose),"
            + " returns through this node, and reads of the resource here since it arrived. key = the stored key or the raw identifier")
    public Lineage.View of(@PathParam("code") String code, @PathParam("key") String key) {
        return lineage.of(code, key);
    }
}
