package org.pdxhub.hub.complaints;

import io.quarkus.resteasy.reactive.jackson.CustomDeserialization;
import io.quarkus.security.Authenticated;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
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
import org.pdxhub.hub.access.Agency;
import org.pdxhub.hub.access.CurrentCaller;
import org.pdxhub.hub.access.Role;
import org.pdxhub.hub.api.StrictJson;
import org.pdxhub.hub.calendar.WorkingDayCalendar;
import org.pdxhub.hub.today.Listing;

import java.net.URI;
import java.util.List;

@CustomDeserialization(StrictJson.Bodies.class)
@Path("/api/v1/complaints")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Complaints", description = "投诉 (art. 44): recorded with their source, routed to the organisation responsible, answered"
        + " within pdx.complaints.answer-days working days, escalated to the agency when late")
public class ComplaintResource {

    @Inject
    Complaints complaints;

    @Inject
    CurrentCaller caller;

    @Inject
    Agency agency;

    @Inject
    WorkingDayCalendar calendar;

    @POST
    @RolesAllowed({Role.SPECIALIST_, Role.REVIEWER_, Role.ADMIN_})
    @Operation(summary = "Record a complaint received: by the 12345 hotline operator, a letter, or the web",
            description = "Body: source (HOTLINE_12345, WEB, LETTER), complainant, contact (both kept masked), resource (its provider"
                    + " answers) or organisation (USCC), subject. Due in pdx.complaints.answer-days working days.")
    public Response record(Complaints.ComplaintAsk body) {
        Complaint c = complaints.record(body, caller.get());
        return Response.created(URI.create("/api/v1/complaints/" + c.id())).entity(c).build();
    }

    @GET
    @Authenticated
    @Operation(summary = "Complaints routed to the caller's organisation; all, for the data agency; open=true for the unanswered")
    public List<Complaint> list(@QueryParam("open") @DefaultValue("false") boolean open) {
        return complaints.list(caller.get(), open);
    }

    @GET
    @Path("overdue")
    @Authenticated
    @Operation(summary = "Unanswered complaints past their date, escalated to the agency (a REVIEWER or ADMIN of the data agency)")
    public Listing<Complaint> overdue() {
        agency.requireOverseer(caller.get(), "following up late complaints");
        complaints.escalateOverdue();
        return Listing.of(calendar.today(), "complaints", complaints.overdue());
    }

    @GET
    @Path("{id}")
    @Authenticated
    @Operation(summary = "One complaint, for the organisation it is routed to and the data agency")
    public Complaint get(@PathParam("id") String id) {
        return complaints.find(id, caller.get());
    }

    @POST
    @Path("{id}/answer")
    @Authenticated
    @Operation(summary = "The responsible organisation's SPECIALIST answers: {\"answer\"}; after escalation the agency's REVIEWER may")
    public Complaint answer(@PathParam("id") String id, Complaints.AnswerAsk body) {
        return complaints.answer(id, body, caller.get());
    }
}
