package org.pdxhub.hub.supervision.corrections;

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
import org.pdxhub.hub.access.Caller;
import org.pdxhub.hub.access.CurrentCaller;
import org.pdxhub.hub.access.Role;
import org.pdxhub.hub.api.StrictJson;
import org.pdxhub.hub.calendar.WorkingDayCalendar;
import org.pdxhub.hub.today.Listing;

import java.net.URI;
import java.util.List;

@CustomDeserialization(StrictJson.Bodies.class)
@Path("/api/v1/corrections")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Supervision")
public class CorrectionResource {

    @Inject
    Corrections corrections;

    @Inject
    CurrentCaller caller;

    @Inject
    Agency agency;

    @Inject
    WorkingDayCalendar calendar;

    @POST
    @RolesAllowed({Role.SPECIALIST_, Role.SYSTEM_})
    @Operation(summary = "File a correction (纠错, art. 9): {resource, recordKey, problem, evidence}; the provider answers within"
            + " pdx.corrections.answer-days working days")
    public Response file(Corrections.CorrectionAsk body) {
        Correction c = corrections.file(body, caller.get());
        return Response.created(URI.create("/api/v1/corrections/" + c.id())).entity(c).build();
    }

    @GET
    @Authenticated
    @Operation(summary = "Corrections the caller filed or must answer; all, for the agency's ADMIN and REVIEWER; overdue=true for the late ones")
    public List<Correction> list(@QueryParam("overdue") @DefaultValue("false") boolean overdue) {
        return corrections.list(caller.get(), overdue);
    }

    @GET
    @Path("overdue")
    @Authenticated
    @Operation(summary = "Corrections not answered by their date, for the data agency (REVIEWER or ADMIN)")
    public Listing<Correction> overdue() {
        Caller c = caller.get();
        agency.requireOverseer(c, "following up late corrections");
        return Listing.of(calendar.today(), "corrections", corrections.list(c, true));
    }

    @GET
    @Path("{id}")
    @Authenticated
    @Operation(summary = "One correction, with the link to the record's lineage")
    public Correction get(@PathParam("id") String id) {
        return corrections.find(id, caller.get());
    }

    @POST
    @Path("{id}/answer")
    @RolesAllowed(Role.SPECIALIST_)
    @Operation(summary = "The provider's SPECIALIST answers: {accept: true, record: {...}} sends the corrected record through the gate;"
            + " {accept: false, reason}")
    public Correction answer(@PathParam("id") String id, Corrections.AnswerAsk body) {
        return corrections.answer(id, body, caller.get());
    }
}
