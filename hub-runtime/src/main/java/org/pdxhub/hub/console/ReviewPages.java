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
import org.pdxhub.hub.complaints.Complaint;
import org.pdxhub.hub.complaints.ComplaintResource;
import org.pdxhub.hub.complaints.Complaints;
import org.pdxhub.hub.reassessment.Reassessment;
import org.pdxhub.hub.reassessment.ReassessmentResource;
import org.pdxhub.hub.reassessment.Reassessments;
import org.pdxhub.hub.sharing.DataRequest;
import org.pdxhub.hub.sharing.DemandFollowUpResource;
import org.pdxhub.hub.sharing.DemandFollowUps;
import org.pdxhub.hub.sharing.EmergencyGrants;
import org.pdxhub.hub.sharing.GrantResource;
import org.pdxhub.hub.sharing.RelayedDisputeResource;
import org.pdxhub.hub.sharing.Requests;
import org.pdxhub.hub.usereview.UseReport;
import org.pdxhub.hub.usereview.UseReview;
import org.pdxhub.hub.usereview.UseReviewResource;
import org.pdxhub.hub.usereview.UseReviews;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * The periodic reviews and follow-ups as forms: a classification re-assessed (art. 15), the use
 * of a grant reviewed (art. 19), an approved demand served (art. 21), a complaint recorded and
 * answered (art. 44), the deletion or sealing of emergency data confirmed (art. 38). Every form goes through the API's endpoint bean, so its rules and refusals
 * are the API's, shown in words.
 */
@Path("/reviews")
@PermitAll
public class ReviewPages {

    /** Flags on one page of a review of use; the counts by kind above them cover all. */
    static final int FLAGS_PER_PAGE = 25;

    @Inject
    Template reassessment;

    @Inject
    Template useReview;

    @Inject
    Template followUp;

    @Inject
    Template complaint;

    @Inject
    Template sealing;

    @Inject
    Template relayed;

    @Inject
    ConsoleRequest console;

    @Inject
    RelayedDisputeResource relayedDecisions;

    @Inject
    ReassessmentResource reassessments;

    @Inject
    UseReviewResource useReviews;

    @Inject
    DemandFollowUpResource followUps;

    @Inject
    ComplaintResource complaints;

    @Inject
    GrantResource grantResource;

    @GET
    @Path("reassessments/{code}")
    public Response reassessment(@PathParam("code") String code) {
        return console.view(() -> {
            console.require();
            return console.page(reassessment, "today").data("d", reassessments.get(code));
        });
    }

    @POST
    @Path("reassessments/{code}/conclusion")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response concludeReassessment(@PathParam("code") String code, @RestForm("_csrf") String csrf,
                                         @RestForm String conclusion, @RestForm String reason, @RestForm String changeId) {
        return console.act(csrf, () -> {
            reassessments.conclude(code, new Reassessments.ConclusionAsk(choice(Reassessment.Conclusion.class, conclusion),
                    CatalogPages.blankToNull(reason), number(changeId)));
            return "/reviews/reassessments/" + code + "?done=concluded";
        });
    }

    @GET
    @Path("use/{grant}")
    public Response useReview(@PathParam("grant") String grant, @QueryParam("kind") String kind, @QueryParam("page") Integer page) {
        return console.view(() -> {
            console.require();
            UseReport r = useReviews.get(grant);
            return console.page(useReview, "today").data("r", r).data("flags", UseFlags.of(r.flags(), kind, page, FLAGS_PER_PAGE));
        });
    }

    @POST
    @Path("use/{grant}/conclusion")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response concludeUseReview(@PathParam("grant") String grant, @RestForm("_csrf") String csrf,
                                      @RestForm String conclusion, @RestForm String reason, @RestForm String fields) {
        return console.act(csrf, () -> {
            List<String> kept = CatalogPages.blankToNull(fields) == null ? null
                    : Arrays.stream(fields.split("[,，\\s]+")).filter(f -> !f.isBlank()).toList();
            UseReview r = (UseReview) useReviews.conclude(grant, new UseReviews.ConclusionAsk(choice(UseReview.Conclusion.class, conclusion),
                    CatalogPages.blankToNull(reason), kept)).getEntity();
            // A restriction replaces the grant by a narrower one: its review goes on under the new id.
            return "/reviews/use/" + (r.newGrantId() == null ? grant : r.newGrantId()) + "?done=concluded";
        });
    }

    @GET
    @Path("follow-ups/{id}")
    public Response followUp(@PathParam("id") String id) {
        return console.view(() -> {
            console.require();
            return console.page(followUp, "today").data("f", followUps.get(id));
        });
    }

    @POST
    @Path("follow-ups/{id}/close")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response closeFollowUp(@PathParam("id") String id, @RestForm("_csrf") String csrf, @RestForm String resource) {
        return console.act(csrf, () -> {
            followUps.close(id, new DemandFollowUps.Close(CatalogPages.blankToNull(resource)));
            return "/reviews/follow-ups/" + id + "?done=closed";
        });
    }

    @GET
    @Path("complaints/new")
    public Response newComplaint() {
        return console.view(() -> {
            console.require();
            return console.page(complaint, "today").data("c", null).data("sources", Complaint.Source.values());
        });
    }

    @POST
    @Path("complaints")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response recordComplaint(@RestForm("_csrf") String csrf, @RestForm String source, @RestForm String complainant,
                                    @RestForm String contact, @RestForm String resource, @RestForm String organisation,
                                    @RestForm String subject) {
        return console.act(csrf, () -> {
            Complaint c = (Complaint) complaints.record(new Complaints.ComplaintAsk(choice(Complaint.Source.class, source),
                    CatalogPages.blankToNull(complainant), CatalogPages.blankToNull(contact), CatalogPages.blankToNull(resource),
                    CatalogPages.blankToNull(organisation), CatalogPages.blankToNull(subject))).getEntity();
            return "/reviews/complaints/" + URLEncoder.encode(c.id(), StandardCharsets.UTF_8) + "?done=recorded";
        });
    }

    @GET
    @Path("complaints/{id}")
    public Response complaint(@PathParam("id") String id) {
        return console.view(() -> {
            console.require();
            return console.page(complaint, "today").data("c", complaints.get(id)).data("sources", Complaint.Source.values());
        });
    }

    @POST
    @Path("complaints/{id}/answer")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response answerComplaint(@PathParam("id") String id, @RestForm("_csrf") String csrf, @RestForm String answer) {
        return console.act(csrf, () -> {
            complaints.answer(id, new Complaints.AnswerAsk(CatalogPages.blankToNull(answer)));
            return "/reviews/complaints/" + URLEncoder.encode(id, StandardCharsets.UTF_8) + "?done=answered";
        });
    }

    @GET
    @Path("sealing/{grant}")
    public Response sealing(@PathParam("grant") String grant) {
        return console.view(() -> {
            console.require();
            return console.page(sealing, "today").data("s", grantResource.sealing(grant));
        });
    }

    @POST
    @Path("sealing/{grant}/confirmation")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response confirmSealing(@PathParam("grant") String grant, @RestForm("_csrf") String csrf, @RestForm String action,
                                   @RestForm String statement) {
        return console.act(csrf, () -> {
            grantResource.confirm(grant, new EmergencyGrants.ConfirmationAsk(choice(EmergencyGrants.Action.class, action),
                    CatalogPages.blankToNull(statement)));
            return "/reviews/sealing/" + grant + "?done=confirmed";
        });
    }

    @GET
    @Path("relayed/{id}")
    public Response relayed(@PathParam("id") String id) {
        return console.view(() -> {
            console.require();
            return console.page(relayed, "today").data("r", relayedDecisions.receivedOne(id));
        });
    }

    @POST
    @Path("relayed/{id}/decision")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response decideRelayed(@PathParam("id") String id, @RestForm("_csrf") String csrf, @RestForm String decision,
                                  @RestForm String reason, @RestForm String basis) {
        return console.act(csrf, () -> {
            relayedDecisions.decide(id, new Requests.Answer(choice(DataRequest.Decision.class, decision), CatalogPages.blankToNull(reason),
                    CatalogPages.blankToNull(basis)));
            return "/reviews/relayed/" + id + "?done=decided";
        });
    }

    /** A choice from a form: none chosen is null, which the service refuses naming the field, as the API does. */
    private static <E extends Enum<E>> E choice(Class<E> type, String value) {
        String v = CatalogPages.blankToNull(value);
        return v == null ? null : Arrays.stream(type.getEnumConstants()).filter(e -> e.name().equals(v)).findFirst().orElse(null);
    }

    private static Long number(String value) {
        String v = CatalogPages.blankToNull(value);
        try {
            return v == null ? null : Long.valueOf(v.strip());
        } catch (NumberFormatException e) {
            throw ProblemException.badRequest("invalid-number", "changeId", "changeId is the number of the catalog"
                    + " change (as GET /api/v1/catalog/resources/{code}/changes lists it), not '" + v + "'");
        }
    }
}
