package org.pdxhub.hub.catalog;

import io.quarkus.resteasy.reactive.jackson.CustomDeserialization;
import io.quarkus.security.Authenticated;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.pdxhub.hub.access.Caller;
import org.pdxhub.hub.access.CurrentCaller;
import org.pdxhub.hub.access.Role;
import org.pdxhub.hub.api.ProblemException;
import org.pdxhub.hub.api.StrictJson;

import java.util.List;

/**
 * The agency's review across nodes: what a department node sent up (and what became of it), and
 * at the agency's node what waits for its reviewer.
 */
@CustomDeserialization(StrictJson.Bodies.class)
@Path("/api/v1/catalog-reviews")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Catalog", description = "The public data catalog (公共数据目录): resources, review, changes, import, art. 8 deadlines")
public class CatalogReviewResource {

    @Inject
    RelayedReviews reviews;

    @Inject
    Catalog catalog;

    @Inject
    CurrentCaller caller;

    @GET
    @Path("sent")
    @Authenticated
    @Operation(summary = "Entries sent to the data agency's node for review, newest first",
            description = "On a node whose agency (pdx.node.agency) is another node's organisation: each submission, change or"
                    + " retirement sent up, with the last answer: WAITING at the agency's node, APPROVED or RETURNED (applied here),"
                    + " or REFUSED, NOT_HELD or LINK_REFUSED with the reason. An ADMIN sees all; anyone else their organisation's.")
    public List<RelayedReviews.Sent> sent() {
        Caller c = caller.get();
        return reviews.sent().stream().filter(s -> c.has(Role.ADMIN) || catalog.find(s.code())
                .map(r -> c.organisation().equals(r.provider())).orElse(false)).toList();
    }

    @POST
    @Path("sent/{origin}/resend")
    @RolesAllowed(Role.SPECIALIST_)
    @Operation(summary = "Send again an entry that a link or a node refused (its provider's data specialist)")
    public RelayedReviews.Sent resend(@PathParam("origin") String origin) {
        return reviews.resend(origin, caller.get());
    }

    @GET
    @Path("received")
    @Authenticated
    @Operation(summary = "Entries sent up from department nodes, waiting for the data agency's REVIEWER, oldest first")
    public List<RelayedReviews.Received> received() {
        return reviews.waiting(caller.get());
    }

    @GET
    @Path("received/{id}")
    @Authenticated
    @Operation(summary = "One entry sent up for review, with the decision once made")
    public RelayedReviews.Received one(@PathParam("id") String id) {
        return reviews.one(id, caller.get());
    }

    @POST
    @Path("received/{id}/decision")
    @Consumes(MediaType.APPLICATION_JSON)
    @Authenticated
    @Operation(summary = "Decide an entry sent up (a REVIEWER of the data agency)",
            description = "As POST /api/v1/catalog/resources/{code}/review: {decision, comment, securityReview, approvals}. The"
                    + " decision goes back down to the department node, which publishes the entry (APPROVE) or returns it.")
    public RelayedReviews.Received decide(@PathParam("id") String id, CatalogApi.ReviewRequest r) {
        if (r == null) {
            throw ProblemException.badRequest("missing-field", "decision", "send {\"decision\":\"APPROVE\"|\"RETURN\",\"comment\":...}");
        }
        return reviews.decide(id, r.decision(), r.comment(), r.securityReview(), r.approvals(), caller.get());
    }
}
