package org.pdxhub.hub.sharing;

import io.quarkus.resteasy.reactive.jackson.CustomDeserialization;
import io.quarkus.security.Authenticated;
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
import org.pdxhub.hub.api.StrictJson;

import java.util.List;

/**
 * The data agency's decisions on requests made at its node (formal reviews, routed demands,
 * disputes): those this node sent up, and at the agency's node those waiting for it.
 */
@CustomDeserialization(StrictJson.Bodies.class)
@Path("/api/v1/relayed-disputes")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Share requests")
public class RelayedDisputeResource {

    @Inject
    RelayedDecisions disputes;

    @Inject
    CurrentCaller caller;

    @GET
    @Path("sent")
    @Authenticated
    @Operation(summary = "Formal reviews (stage REVIEW), routed demands (DEMAND), disputes (DISPUTE) and identity checks of"
            + " natural persons (IDENTITY) sent to the data agency's node, newest first, with the last answer (WAITING, APPROVED,"
            + " REJECTED, REFUSAL_UPHELD, VERIFIED; or REFUSED, NOT_HELD, LINK_REFUSED with the reason), the request's dueBy here"
            + " and the agency's own agencyDueBy: an ADMIN or REVIEWER sees all, others their own")
    public List<RelayedDecisions.Sent> sent() {
        Caller c = caller.get();
        boolean all = c.has(Role.ADMIN) || c.has(Role.REVIEWER);
        return disputes.sent().stream().filter(s -> all || disputes.partyTo(s.requestId(), c)).toList();
    }

    @GET
    @Path("received")
    @Authenticated
    @Operation(summary = "Formal reviews, routed demands, disputes and identity checks sent up from department nodes, waiting for"
            + " the data agency, soonest dueBy first: dueBy is the agency's own date, counted in working days from its receipt"
            + " here; departmentDueBy the one counted from the request's receipt at the department node")
    public List<RelayedDecisions.Received> received() {
        return disputes.waiting(caller.get());
    }

    @GET
    @Path("received/{id}")
    @Authenticated
    @Operation(summary = "One item sent up from a department node, waiting or decided, with both its dates; 404 for anyone who"
            + " may not see it waiting")
    public RelayedDecisions.Received receivedOne(@PathParam("id") String id) {
        return disputes.one(id, caller.get());
    }

    @POST
    @Path("received/{id}/decision")
    @Authenticated
    @Operation(summary = "Decide what was sent up (a REVIEWER of the data agency): {\"decision\":\"APPROVE\"|\"REJECT\",\"reason\",\"basis\"}",
            description = "APPROVE approves the request (with its grant) at the node that holds it; REJECT refuses it, or upholds a"
                    + " disputed refusal, and needs reason and basis. An identity check (stage IDENTITY) is confirmed by a SPECIALIST"
                    + " or REVIEWER of the agency with APPROVE and the reason saying how it was checked; it is not refused.")
    public RelayedDecisions.Received decide(@PathParam("id") String id, Requests.Answer body) {
        return disputes.decide(id, body, caller.get());
    }
}
