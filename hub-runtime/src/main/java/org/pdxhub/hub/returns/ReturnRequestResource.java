package org.pdxhub.hub.returns;

import io.quarkus.resteasy.reactive.jackson.CustomDeserialization;
import jakarta.annotation.security.RolesAllowed;
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
import org.pdxhub.hub.access.CurrentCaller;
import org.pdxhub.hub.access.Role;
import org.pdxhub.hub.api.ProblemException;
import org.pdxhub.hub.api.StrictJson;
import org.pdxhub.hub.link.RelayedRequests;

import java.net.URI;
import java.util.List;

@CustomDeserialization(StrictJson.Bodies.class)
@Path("/api/v1/return-requests")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Return requests", description = "返还申请 (art. 20): a lower level asks the node that holds its data for it back;"
        + " the answer is a return to its return address")
public class ReturnRequestResource {

    @Inject
    ReturnRequests requests;

    @Inject
    CurrentCaller caller;

    @Inject
    RelayedRequests relayed;

    @POST
    @RolesAllowed({Role.SYSTEM_, Role.SPECIALIST_, Role.ADMIN_})
    @Operation(summary = "Ask for records back: resource, keys (stored keys or raw identifiers) or providedBy (USCC), purpose, person",
            description = "Filed at the node that holds the data. The resource's provider asking for its own records gets them at once"
                    + " on pdx.return.{its USCC} (status RETURNED, or NOTHING_HELD); any other request is SUBMITTED and waits for the"
                    + " agency's ADMIN or SPECIALIST at this node.")
    public Response file(ReturnRequest.Ask body) {
        ReturnRequest r;
        try {
            r = requests.file(body, caller.get());
        } catch (ProblemException notHere) {
            // Held above: the request goes up the links to the node that holds the data, and the
            // return comes down them (202: filed there, not here; GET shows the answer).
            if ("resource.not-published".equals(notHere.rule()) && relayed.canForward()) {
                var sent = relayed.forward(RelayedRequests.RETURN, body.resource(), body.person(), body, caller.get());
                return Response.accepted(sent).location(URI.create("/api/v1/return-requests/" + sent.id())).build();
            }
            throw notHere;
        }
        return Response.created(URI.create("/api/v1/return-requests/" + r.id())).entity(r).build();
    }

    @GET
    @RolesAllowed({Role.SYSTEM_, Role.SPECIALIST_, Role.ADMIN_, Role.REVIEWER_})
    @Operation(summary = "Return requests: the caller's organisation's, or all of them for the agency at this node")
    public List<ReturnRequest> list() {
        return requests.list(caller.get());
    }

    @GET
    @Path("{id}")
    @RolesAllowed({Role.SYSTEM_, Role.SPECIALIST_, Role.ADMIN_, Role.REVIEWER_})
    @Operation(summary = "One return request, for its requester or the agency; XR-… is one sent up, with the holder's latest answer")
    public Object get(@PathParam("id") String id) {
        if (id.startsWith(RelayedRequests.PREFIX)) {
            return relayed.view(id, caller.get()).orElseThrow(() -> ProblemException.notFound("return request", id));
        }
        return requests.visible(id, caller.get());
    }

    @POST
    @Path("{id}/decision")
    @RolesAllowed({Role.SPECIALIST_, Role.ADMIN_})
    @Operation(summary = "The agency decides a request: {decision: APPROVE | REJECT, reason}; APPROVE returns the records at once")
    public ReturnRequest decide(@PathParam("id") String id, ReturnRequest.Answer body) {
        return requests.decide(id, body, caller.get());
    }
}
