package org.pdxhub.hub.organisation;

import io.quarkus.resteasy.reactive.jackson.CustomDeserialization;
import io.quarkus.security.Authenticated;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.pdxhub.hub.access.ApiKeys;
import org.pdxhub.hub.access.Role;
import org.pdxhub.hub.api.ProblemException;
import org.pdxhub.hub.api.StrictJson;

import java.util.List;
import java.util.Set;

@CustomDeserialization(StrictJson.Bodies.class)
@Path("/api/v1/organisations")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Organisations")
public class OrganisationResource {

    /** A new key for a person or system of an organisation. */
    public record KeyRequest(String id, String holder, Set<Role> roles) {
    }

    /** The key in clear, shown this once. */
    public record IssuedKey(String id, String organisation, String holder, Set<Role> roles, String key) {
    }

    @Inject
    Organisations organisations;

    @Inject
    ApiKeys keys;

    @GET
    @Authenticated
    @Operation(summary = "Organisations registered on this node")
    public List<Organisation> list() {
        return organisations.list();
    }

    @GET
    @Path("{uscc}")
    @Authenticated
    @Operation(summary = "One organisation, with its chief data officer and data specialist")
    public Organisation get(@PathParam("uscc") String uscc) {
        return organisations.find(uscc).orElseThrow(() -> ProblemException.notFound("organisation", uscc));
    }

    @POST
    @RolesAllowed(Role.ADMIN_)
    @Operation(summary = "Register an organisation (its USCC must carry a valid check character)")
    public Response register(Organisation organisation) {
        if (organisation == null) {
            throw ProblemException.badRequest("missing-body", null, "send the organisation as JSON");
        }
        return Response.status(201).entity(organisations.register(organisation)).build();
    }

    @POST
    @Path("{uscc}/keys")
    @RolesAllowed(Role.ADMIN_)
    @Operation(summary = "Issue an API key to a person or system of the organisation; the key is returned once")
    public Response issueKey(@PathParam("uscc") String uscc, KeyRequest request) {
        organisations.find(uscc).orElseThrow(() -> ProblemException.notFound("organisation", uscc));
        if (request == null || request.id() == null || request.id().isBlank()) {
            throw ProblemException.badRequest("missing-field", "id", "give the key an id, e.g. psb-system-1");
        }
        if (request.holder() == null || request.holder().isBlank()) {
            throw ProblemException.badRequest("missing-field", "holder", "name the person or system that holds the key");
        }
        if (request.roles() == null || request.roles().isEmpty()) {
            throw ProblemException.badRequest("missing-field", "roles", "give at least one role: " + List.of(Role.values()));
        }
        if (keys.exists(request.id())) {
            throw ProblemException.conflict("duplicate-key", "id", "a key with id '" + request.id() + "' exists");
        }
        String key = keys.issue(request.id(), uscc, request.holder(), request.roles());
        return Response.status(201).entity(new IssuedKey(request.id(), uscc, request.holder(), request.roles(), key)).build();
    }
}
