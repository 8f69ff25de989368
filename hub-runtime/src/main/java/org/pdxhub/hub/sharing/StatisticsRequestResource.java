package org.pdxhub.hub.sharing;

import io.quarkus.resteasy.reactive.jackson.CustomDeserialization;
import org.pdxhub.hub.api.StrictJson;
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

import java.util.List;

@CustomDeserialization(StrictJson.Bodies.class)
@Path("/api/v1/statistics-requests")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Statistics requests", description = "统计申请 (art. 18, 36): the right to counts and sums of a resource that is not"
        + " open, with noise and small cells suppressed, under a privacy budget of the grant's own, never a read; the share request's"
        + " workflow and working-day deadlines; used with GET /api/v1/open/resources/{code}/stats")
public class StatisticsRequestResource {

    @Inject
    ShareRequests shareRequests;

    @Inject
    RequestCalls calls;

    @Inject
    CurrentCaller caller;

    @POST
    @RolesAllowed({Role.SPECIALIST_, Role.SYSTEM_})
    @Operation(summary = "Ask for statistics of a resource: fields[] are the declared dimensions and measures that may be grouped by and summed",
            description = "The body of a share request (POST /api/v1/share-requests). UNCONDITIONAL: the agency's formal review"
                    + " (1 working day); CONDITIONAL: the provider's data specialist (5 working days), who may allow counts where it"
                    + " refuses a copy; NONE: refused at once. An approval issues a statistics grant, which authorises no read.")
    public Response submit(ShareRequests.ShareAsk body) {
        return calls.created("/api/v1/statistics-requests", shareRequests.submitStatistics(body, caller.get()));
    }

    @GET
    @Authenticated
    @Operation(summary = "Statistics requests the caller may see; queue=reviewer|provider|requester, status filters")
    public List<RequestView> list(@QueryParam("status") String status, @QueryParam("queue") String queue) {
        return calls.list(status, queue, RequestKind.STATISTICS);
    }

    @GET
    @Path("{id}")
    @Authenticated
    @Operation(summary = "One statistics request: status, dueBy, who must act, the decision, the grant, every step")
    public RequestView get(@PathParam("id") String id) {
        return calls.one(RequestKind.STATISTICS, id);
    }

    @POST
    @Path("{id}/decision")
    @Authenticated
    @Operation(summary = "Decide: {\"decision\":\"APPROVE\"|\"REJECT\",\"reason\",\"basis\"}, by whoever the request waits for")
    public RequestView decide(@PathParam("id") String id, Requests.Answer body) {
        return calls.decide(RequestKind.STATISTICS, id, body);
    }

    @POST
    @Path("{id}/dispute")
    @RolesAllowed({Role.SPECIALIST_, Role.SYSTEM_})
    @Operation(summary = "The requester disputes a refusal, or a request unanswered past its dueBy: {\"reason\"}; the agency decides")
    public RequestView dispute(@PathParam("id") String id, ShareRequestResource.DisputeBody body) {
        return calls.dispute(RequestKind.STATISTICS, id, body);
    }
}
