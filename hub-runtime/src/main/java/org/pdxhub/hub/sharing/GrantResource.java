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
import org.pdxhub.hub.access.Agency;
import org.pdxhub.hub.access.Caller;
import org.pdxhub.hub.access.CurrentCaller;
import org.pdxhub.hub.access.Role;
import org.pdxhub.hub.api.ProblemException;
import org.pdxhub.hub.api.StrictJson;
import org.pdxhub.hub.catalog.Catalog;
import org.pdxhub.hub.catalog.CatalogResource;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

@CustomDeserialization(StrictJson.Bodies.class)
@Path("/api/v1/grants")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Grants")
public class GrantResource {

    /** A grant with its state now. */
    public record GrantView(Grant grant, String state) {
    }

    @Inject
    Grants grants;

    @Inject
    CurrentCaller caller;

    @Inject
    EmergencyGrants emergencies;

    @Inject
    Agency agency;

    @Inject
    Catalog catalog;

    @Inject
    Clock clock;

    @GET
    @RolesAllowed({Role.ADMIN_, Role.REVIEWER_, Role.SPECIALIST_, Role.SYSTEM_})
    @Operation(summary = "Grants held by the caller's organisation; with resource=CODE, every grant on that resource, for its provider's"
            + " SPECIALIST or a REVIEWER or ADMIN of the data agency (art. 18)")
    public List<GrantView> held(@QueryParam("resource") String resource) {
        Instant now = Instant.now(clock);
        Caller c = caller.get();
        if (resource == null || resource.isBlank()) {
            return grants.heldBy(c.organisation()).stream().map(g -> new GrantView(g, g.stateAt(now))).toList();
        }
        String code = resource.strip();
        CatalogResource r = catalog.find(code).orElseThrow(() -> ProblemException.notFound("resource", code));
        boolean provider = c.has(Role.SPECIALIST) && r.provider().equals(c.organisation());
        if (!provider && !agency.is(c, Role.REVIEWER) && !agency.is(c, Role.ADMIN)) {
            throw ProblemException.forbidden("grant.not-provider", "the grants on " + code + " are listed for its provider's SPECIALIST ("
                    + r.provider() + ") and a REVIEWER or ADMIN of the data agency " + agency.uscc() + "; this key is " + c.roles()
                    + " of " + c.organisation() + " (GET /api/v1/grants without resource lists the grants your organisation holds)");
        }
        return grants.forResource(code).stream().map(g -> new GrantView(g, g.stateAt(now))).toList();
    }

    @GET
    @Path("emergency/unconfirmed")
    @Authenticated
    @Operation(summary = "Ended emergency grants whose holder has not confirmed deletion or sealing by its date (art. 38), for the agency")
    public List<EmergencyGrants.Sealing> unconfirmed() {
        Caller c = caller.get();
        agency.requireOverseer(c, "following up emergency grants without a confirmation of deletion or sealing");
        return emergencies.unconfirmedOverdue();
    }

    @POST
    @Path("{id}/sealing/confirmation")
    @Consumes(MediaType.APPLICATION_JSON)
    @Authenticated
    @Operation(summary = "The holder's SPECIALIST confirms deletion or sealing of what an ended emergency grant obtained (art. 38)",
            description = "Body: action (DELETED or SEALED), statement (what was done, where, how). Once; due within"
                    + " pdx.sharing.sealing-confirmation-days working days of the sealing record.")
    public EmergencyGrants.Sealing confirm(@PathParam("id") String id, EmergencyGrants.ConfirmationAsk body) {
        return emergencies.confirm(id, body, caller.get());
    }

    @GET
    @Path("{id}")
    @RolesAllowed({Role.ADMIN_, Role.REVIEWER_, Role.SPECIALIST_, Role.SYSTEM_})
    @Operation(summary = "One grant, if the caller's organisation holds it, or to a REVIEWER or ADMIN of the data agency")
    public GrantView get(@PathParam("id") String id) {
        Grant g = grants.find(id).orElseThrow(() -> ProblemException.notFound("grant", id));
        Caller c = caller.get();
        if (!agency.is(c, Role.REVIEWER) && !agency.is(c, Role.ADMIN) && !g.holderUscc().equals(c.organisation())) {
            throw ProblemException.forbidden("grant.not-holder", "grant " + id + " is seen only by its holder and by a REVIEWER or"
                    + " ADMIN of the data agency " + agency.uscc() + "; this key is " + c.roles() + " of " + c.organisation());
        }
        return new GrantView(g, g.stateAt(Instant.now(clock)));
    }

    @POST
    @Path("emergency")
    @Consumes(MediaType.APPLICATION_JSON)
    @Authenticated
    @Operation(summary = "Issue an emergency grant (art. 38) by the data agency",
            description = "Body: holder (USCC), resource, fields[], purpose, scope, method, validFrom (default now), validTo (required)."
                    + " The grant stops authorising at validTo; the hub then records the reads made under it and tells the holder to"
                    + " delete or seal the data (GET /api/v1/grants/{id}/sealing).")
    public Response emergency(EmergencyGrants.EmergencyAsk body) {
        Grant g = emergencies.issue(body, caller.get());
        return Response.created(URI.create("/api/v1/grants/" + g.id())).entity(new GrantView(g, g.stateAt(Instant.now(clock)))).build();
    }

    @GET
    @Path("{id}/sealing")
    @RolesAllowed({Role.ADMIN_, Role.REVIEWER_, Role.SPECIALIST_, Role.SYSTEM_})
    @Operation(summary = "The deletion or sealing record of an ended emergency grant (404 while none is recorded)")
    public EmergencyGrants.Sealing sealing(@PathParam("id") String id) {
        get(id);
        return emergencies.sealing(id).orElseThrow(() -> ProblemException.notFound("sealing record of grant", id));
    }

    @POST
    @Path("{id}/revoke")
    @Authenticated
    @Operation(summary = "Revoke a grant: it stops authorising at once (a REVIEWER or ADMIN of the data agency)")
    public GrantView revoke(@PathParam("id") String id) {
        Grant g = grants.find(id).orElseThrow(() -> ProblemException.notFound("grant", id));
        Caller c = caller.get();
        if (!agency.is(c, Role.REVIEWER) && !agency.is(c, Role.ADMIN)) {
            throw ProblemException.forbidden("agency.reviewer-required", "revoking grant " + id + " needs a REVIEWER or ADMIN of the"
                    + " data agency " + agency.uscc() + " (pdx.node.agency); this key is " + c.roles() + " of " + c.organisation());
        }
        if (!grants.revoke(id, caller.get().holder())) {
            throw ProblemException.conflict("grant.already-revoked", null, "grant " + id + " was already revoked");
        }
        return new GrantView(grants.find(g.id()).orElseThrow(), "REVOKED");
    }
}
