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
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.pdxhub.hub.access.CurrentCaller;
import org.pdxhub.hub.api.StrictJson;

import java.util.List;

@CustomDeserialization(StrictJson.Bodies.class)
@Path("/api/v1/open-applications")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Open applications", description = "开放申请 (art. 26) for conditionally open data: the provider answers within 5 working"
        + " days; approval issues a grant (source OPEN_APPLICATION) and the data is then downloaded with the key")
public class OpenApplicationResource {

    @Inject
    OpenApplications openApplications;

    @Inject
    RequestCalls calls;

    @Inject
    CurrentCaller caller;

    @Inject
    PersonApplications persons;

    @POST
    @Authenticated
    @Operation(summary = "Apply for a CONDITIONAL open resource (any organisation with a key)",
            description = "Body: resource, fields[], purpose, scenario, person, period {from, to}. Applicants are organisations holding a"
                    + " key on this node; a natural person applies without a key at POST /api/v1/open/applications. An UNCONDITIONAL resource"
                    + " needs no application (400); a NONE one is refused at once with the catalog's legal basis.")
    public Response submit(OpenApplications.OpenAsk body) {
        return calls.created("/api/v1/open-applications", openApplications.submit(body, caller.get()));
    }

    @GET
    @Authenticated
    @Operation(summary = "Open applications the caller may see; queue=provider|requester, status")
    public List<RequestView> list(@QueryParam("status") String status, @QueryParam("queue") String queue) {
        return calls.list(status, queue, RequestKind.OPEN_APPLICATION);
    }

    @GET
    @Path("{id}")
    @Authenticated
    @Operation(summary = "One open application: status, dueBy, decision, grant")
    public RequestView get(@PathParam("id") String id) {
        return calls.one(RequestKind.OPEN_APPLICATION, id);
    }

    @POST
    @Path("{id}/decision")
    @Authenticated
    @Operation(summary = "The provider decides: {\"decision\":\"APPROVE\"|\"REJECT\",\"reason\",\"basis\"}; the reviewer decides a dispute")
    public RequestView decide(@PathParam("id") String id, Requests.Answer body) {
        return calls.decide(RequestKind.OPEN_APPLICATION, id, body);
    }

    @POST
    @Path("{id}/identity")
    @Authenticated
    @Operation(summary = "The agency confirms a natural person's identity: {\"means\"} (a SPECIALIST or REVIEWER of the data agency);"
            + " the application then waits for the provider (art. 26). On a department node whose agency is at the node above,"
            + " the check was sent there (GET /api/v1/relayed-disputes/sent, stage IDENTITY) and no key here makes it: 403"
            + " request.decided-at-agency-node")
    public RequestView verifyIdentity(@PathParam("id") String id, PersonApplications.Verification body) {
        return calls.view(persons.verify(id, body, caller.get()));
    }

    @POST
    @Path("{id}/dispute")
    @Authenticated
    @Operation(summary = "The applicant disputes a refusal: {\"reason\"}; the agency reviewer decides")
    public RequestView dispute(@PathParam("id") String id, ShareRequestResource.DisputeBody body) {
        return calls.dispute(RequestKind.OPEN_APPLICATION, id, body);
    }
}
