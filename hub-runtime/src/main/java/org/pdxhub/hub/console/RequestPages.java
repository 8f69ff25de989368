package org.pdxhub.hub.console;

import io.quarkus.qute.Template;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.RestForm;
import org.pdxhub.hub.api.ProblemException;
import org.pdxhub.hub.complaints.ComplaintResource;
import org.pdxhub.hub.sharing.DataRequest;
import org.pdxhub.hub.sharing.DemandRequestResource;
import org.pdxhub.hub.sharing.OpenApplicationResource;
import org.pdxhub.hub.sharing.RequestStatus;
import org.pdxhub.hub.sharing.RequestView;
import org.pdxhub.hub.sharing.Requests;
import org.pdxhub.hub.sharing.ShareRequestResource;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Requests: share requests, demands and open applications with their disputes, listed by state
 * and due date; one with its timeline; the decision with reason and legal basis. Through the
 * API's endpoint beans, so whoever may not decide is told so exactly as on the API.
 */
@Path("/requests")
@PermitAll
public class RequestPages {

    /** A request in a list, with which kind of request it is (its page is /requests/{kind}/{id}). */
    public record Listed(String kind, RequestView view) {
    }

    @Inject
    Template requests;

    @Inject
    Template request;

    @Inject
    ConsoleRequest console;

    @Inject
    ShareRequestResource shares;

    @Inject
    DemandRequestResource demands;

    @Inject
    OpenApplicationResource openApplications;

    @Inject
    ComplaintResource complaints;

    @GET
    public Response list(@QueryParam("status") String status, @QueryParam("queue") String queue) {
        return console.view(() -> {
            console.require();
            String s = CatalogPages.blankToNull(status);
            String q = CatalogPages.blankToNull(queue);
            List<Listed> all = new ArrayList<>();
            shares.list(s, q).forEach(v -> all.add(new Listed("share", v)));
            demands.list(s, q).forEach(v -> all.add(new Listed("demand", v)));
            openApplications.list(s, q).forEach(v -> all.add(new Listed("open", v)));
            all.sort(Comparator.comparing((Listed l) -> !l.view().request().status().isOpen())
                    .thenComparing(l -> l.view().request().dueBy(), Comparator.nullsLast(Comparator.naturalOrder())));
            return console.page(requests, "requests").data("requests", all).data("status", CatalogPages.nz(status))
                    .data("queue", CatalogPages.nz(queue)).data("statuses", RequestStatus.values())
                    .data("complaints", complaints.list(true));
        });
    }

    @GET
    @Path("{kind}/{id}")
    public Response detail(@PathParam("kind") String kind, @PathParam("id") String id) {
        return console.view(() -> {
            console.require();
            return console.page(request, "requests").data("kind", kind).data("v", find(kind, id));
        });
    }

    @POST
    @Path("{kind}/{id}/decision")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response decide(@PathParam("kind") String kind, @PathParam("id") String id, @RestForm("_csrf") String csrf,
                           @RestForm String decision, @RestForm String reason, @RestForm String basis) {
        return console.act(csrf, () -> {
            DataRequest.Decision d = "APPROVE".equals(decision) ? DataRequest.Decision.APPROVE
                    : "REJECT".equals(decision) ? DataRequest.Decision.REJECT : null;
            Requests.Answer answer = new Requests.Answer(d, CatalogPages.blankToNull(reason), CatalogPages.blankToNull(basis));
            switch (kind) {
                case "share" -> shares.decide(id, answer);
                case "demand" -> demands.respond(id, answer);
                case "open" -> openApplications.decide(id, answer);
                default -> throw ProblemException.notFound("kind of request", kind);
            }
            return "/requests/" + kind + "/" + id + "?done=decided";
        });
    }

    private RequestView find(String kind, String id) {
        return switch (kind) {
            case "share" -> {
                Object found = shares.get(id);
                if (found instanceof RequestView v) {
                    yield v;
                }
                throw ProblemException.badRequest("console.relayed-request", "id",
                        "a request relayed from another level is followed through the API (GET /api/v1/share-requests/" + id + ")");
            }
            case "demand" -> demands.get(id);
            case "open" -> openApplications.get(id);
            default -> throw ProblemException.notFound("kind of request", kind);
        };
    }
}
