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
@Path("/api/v1/verification-requests")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Verification requests", description = "核验申请 (art. 18, 36): the right to have held values checked, match or mismatch,"
        + " never read; the share request's workflow and working-day deadlines; used with POST /api/v1/verify/{code}")
public class VerificationRequestResource {

    @Inject
    ShareRequests shareRequests;

    @Inject
    RequestCalls calls;

    @Inject
    CurrentCaller caller;

    @POST
    @RolesAllowed({Role.SPECIALIST_, Role.SYSTEM_})
    @Operation(summary = "Ask to verify values of a resource: fields[] are the items whose values may be checked (the key is implied)",
            description = "The body of a share request (POST /api/v1/share-requests). UNCONDITIONAL: the agency's formal review"
                    + " (1 working day); CONDITIONAL: the provider's data specialist (5 working days), who may allow a check where it"
                    + " refuses a copy; NONE: refused at once. An approval issues a verification grant, which authorises no read.")
    public Response submit(ShareRequests.ShareAsk body) {
        return calls.created("/api/v1/verification-requests", shareRequests.submitVerification(body, caller.get()));
    }

    @GET
    @Authenticated
    @Operation(summary = "Verification requests the caller may see; queue=reviewer|provider|requester, status filters")
    public List<RequestView> list(@QueryParam("status") String status, @QueryParam("queue") String queue) {
        return calls.list(status, queue, RequestKind.VERIFICATION);
    }

    @GET
    @Path("{id}")
    @Authenticated
    @Operation(summary = "One verification request: status, dueBy, who must act, the decision, the grant, every step")
    public RequestView get(@PathParam("id") String id) {
        return calls.one(RequestKind.VERIFICATION, id);
    }

    @POST
    @Path("{id}/decision")
    @Authenticated
    @Operation(summary = "Decide: {\"decision\":\"APPROVE\"|\"REJECT\",\"reason\",\"basis\"}, by whoever the request waits for")
    public RequestView decide(@PathParam("id") String id, Requests.Answer body) {
        return calls.decide(RequestKind.VERIFICATION, id, body);
    }

    @POST
    @Path("{id}/dispute")
    @RolesAllowed({Role.SPECIALIST_, Role.SYSTEM_})
    @Operation(summary = "The requester disputes a refusal, or a request unanswered past its dueBy: {\"reason\"}; the agency decides")
    public RequestView dispute(@PathParam("id") String id, ShareRequestResource.DisputeBody body) {
        return calls.dispute(RequestKind.VERIFICATION, id, body);
    }
}
