package org.pdxhub.hub.sharing;

import org.pdxhub.hub.api.ProblemException;

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
import org.pdxhub.hub.access.Caller;
import org.pdxhub.hub.access.CurrentCaller;
import org.pdxhub.hub.access.Role;
import org.pdxhub.hub.api.StrictJson;
import org.pdxhub.hub.calendar.WorkingDayCalendar;
import org.pdxhub.hub.link.RelayedRequests;

import java.net.URI;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

@CustomDeserialization(StrictJson.Bodies.class)
@Path("/api/v1/share-requests")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Share requests", description = "共享申请 (art. 18): formal review within 1 working day for UNCONDITIONAL resources,"
        + " the provider's decision within 5 for CONDITIONAL ones, refusal at once for NONE; disputes go to the agency")
public class ShareRequestResource {

    /** A dispute of a refusal. */
    public record DisputeBody(String reason) {
    }

    /** Share requests waiting past their date. */
    public record Overdue(LocalDate today, int count, Map<String, Integer> byOrganisation, List<RequestView> requests) {
    }

    @Inject
    ShareRequests shareRequests;

    @Inject
    Requests requests;

    @Inject
    RelayedRequests relayed;

    @Inject
    CurrentCaller caller;

    @Inject
    WorkingDayCalendar calendar;

    @Inject
    SecurityMeasures measures;

    @GET
    @Path("security-measures")
    @Authenticated
    @Operation(summary = "The security measures stated for conditionally shared data: a CONDITIONAL request accepts each by code"
            + " in acceptedMeasures[] (art. 18)")
    public List<SecurityMeasures.Measure> securityMeasures() {
        return measures.stated();
    }

    @POST
    @RolesAllowed({Role.SPECIALIST_, Role.SYSTEM_})
    @Operation(summary = "Request a resource for the caller's organisation: only the fields needed (最少够用)",
            description = "Body: resource, fields[], purpose, person (default the key's holder), period {from, to} (default one year"
                    + " from approval); for a CONDITIONAL resource also scenario, basis, goal, securityMeasures, commitment and acceptedMeasures[]: the code of every"
                    + " measure of GET /api/v1/share-requests/security-measures, each accepted explicitly (art. 18)."
                    + " UNCONDITIONAL: waits for the agency's formal review (dueBy = 1 working day). CONDITIONAL: waits for the provider's"
                    + " data specialist (5 working days). NONE: answered at once, REJECTED with the catalog's legal basis.")
    public Response submit(ShareRequests.ShareAsk body) {
        DataRequest r;
        try {
            r = shareRequests.submit(body, caller.get());
        } catch (ProblemException notHere) {
            // Held at another level (art. 20-21): the request goes up the links to the node that
            // publishes it, and its answers come back here (202: filed there, not yet here).
            if ("resource.not-published".equals(notHere.rule()) && relayed.canForward()) {
                var sent = relayed.forward(RelayedRequests.SHARE, body.resource(), body.person(), body, caller.get());
                return Response.accepted(sent).location(URI.create("/api/v1/share-requests/" + sent.id())).build();
            }
            throw notHere;
        }
        return Response.created(URI.create("/api/v1/share-requests/" + r.id())).entity(RequestView.of(r, calendar, requests, true)).build();
    }

    @GET
    @Authenticated
    @Operation(summary = "Share requests the caller may see",
            description = "queue=reviewer: waiting for the caller's agency reviewer (formal reviews, disputes); queue=provider: waiting"
                    + " for the caller's organisation as provider; queue=requester: asked by the caller's organisation. status filters.")
    public List<RequestView> list(@QueryParam("status") String status, @QueryParam("queue") String queue) {
        Caller c = caller.get();
        return requests.list(RequestLists.query(RequestKind.SHARE, status, queue, c), c).stream()
                .map(r -> RequestView.of(r, calendar, requests, false)).toList();
    }

    @GET
    @Path("overdue")
    @Authenticated
    @Operation(summary = "Share requests waiting past their dueBy, with the count per organisation that must act")
    public Overdue overdue() {
        List<DataRequest> late = requests.overdue(RequestKind.SHARE, caller.get());
        Map<String, Integer> by = new TreeMap<>();
        late.forEach(r -> by.merge(r.assigneeUscc(), 1, Integer::sum));
        return new Overdue(calendar.today(), late.size(), by, late.stream().map(r -> RequestView.of(r, calendar, requests, false)).toList());
    }

    @GET
    @Path("{id}")
    @Authenticated
    @Operation(summary = "One share request: status, dueBy, who must act, the decision, the dispute, the grant, every step")
    public Object get(@PathParam("id") String id) {
        if (id.startsWith(RelayedRequests.PREFIX)) {
            return relayed.view(id, caller.get()).orElseThrow(() -> ProblemException.notFound("share request", id));
        }
        return RequestView.of(requests.find(RequestKind.SHARE, id, caller.get()), calendar, requests, true);
    }

    @POST
    @Path("{id}/decision")
    @Authenticated
    @Operation(summary = "Decide: {\"decision\":\"APPROVE\"|\"REJECT\",\"reason\",\"basis\"}",
            description = "By whoever the request waits for: the agency REVIEWER for the formal review of an UNCONDITIONAL resource and"
                    + " for a dispute; the provider's SPECIALIST for a CONDITIONAL resource. APPROVE issues the grant for exactly the"
                    + " requested fields and period. REJECT needs a reason and a basis. A closed request takes no decision (409).")
    public RequestView decide(@PathParam("id") String id, Requests.Answer body) {
        return RequestView.of(requests.decide(RequestKind.SHARE, id, body, caller.get()), calendar, requests, true);
    }

    @POST
    @Path("{id}/dispute")
    @RolesAllowed({Role.SPECIALIST_, Role.SYSTEM_})
    @Operation(summary = "The requester disputes a refusal, or a request unanswered past its dueBy: {\"reason\"}; the agency"
            + " reviewer decides (dueBy in working days). A relayed request (XR-...) is disputed at the node that holds the data: 202")
    public Response dispute(@PathParam("id") String id, DisputeBody body) {
        String reason = body == null ? null : body.reason();
        if (id.startsWith(RelayedRequests.PREFIX)) {
            // Held at another level: the dispute goes up to the node that holds the data; its agency decides (202).
            return Response.accepted(relayed.dispute(id, reason, caller.get())).build();
        }
        return Response.ok(RequestView.of(requests.dispute(RequestKind.SHARE, id, reason, caller.get()), calendar, requests, true)).build();
    }
}
