package org.pdxhub.hub.sharing;

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
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.pdxhub.hub.access.CurrentCaller;
import org.pdxhub.hub.access.Role;
import org.pdxhub.hub.api.StrictJson;

import java.util.List;

@CustomDeserialization(StrictJson.Bodies.class)
@Path("/api/v1/demand-requests")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Demand requests", description = "需求申请 (art. 21) for data not in the catalog, and the public's demands (art. 27):"
        + " the provider responds within 5 working days; cross-level or cross-region demands are routed to the agency")
public class DemandRequestResource {

    @Inject
    Demands demands;

    @Inject
    RequestCalls calls;

    @Inject
    CurrentCaller caller;

    @POST
    @RolesAllowed({Role.SPECIALIST_, Role.SYSTEM_})
    @Operation(summary = "Ask an organisation for data not in the catalog",
            description = "Body: provider (USCC), description, fields[] (optional, as words), purpose, person. A provider at another"
                    + " level or region, or not registered on this node, is routed to the agency reviewer: routedToAgency=true with the"
                    + " reason in routingNote (forwarding to other nodes comes with node-to-node routing).")
    public Response submit(Demands.DemandAsk body) {
        return calls.created("/api/v1/demand-requests", demands.submit(body, caller.get()));
    }

    @GET
    @Authenticated
    @Operation(summary = "Demands (and public demands) the caller may see; queue=reviewer|provider|requester, status")
    public List<RequestView> list(@QueryParam("status") String status, @QueryParam("queue") String queue) {
        return calls.list(status, queue, RequestKind.DEMAND, RequestKind.PUBLIC_DEMAND);
    }

    @GET
    @Path("{id}")
    @Authenticated
    @Operation(summary = "One demand: status, dueBy, routing, response")
    public RequestView get(@PathParam("id") String id) {
        return calls.one(RequestKind.DEMAND, id);
    }

    @POST
    @Path("{id}/response")
    @Authenticated
    @Operation(summary = "Respond: {\"decision\":\"APPROVE\"|\"REJECT\",\"reason\",\"basis\"}",
            description = "By the provider's data specialist, or the agency reviewer when routed. APPROVE means the provider will"
                    + " catalog and provide the data (art. 21); the requester then asks for it with a share request.")
    public RequestView respond(@PathParam("id") String id, Requests.Answer body) {
        return calls.decide(RequestKind.DEMAND, id, body);
    }
}
