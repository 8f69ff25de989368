package org.pdxhub.hub.sharing;

import io.quarkus.resteasy.reactive.jackson.CustomDeserialization;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.pdxhub.hub.api.StrictJson;

import java.util.List;

@CustomDeserialization(StrictJson.Bodies.class)
@Path("/api/v1/open/applications")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Open applications of natural persons", description = "开放申请 by a natural person (art. 26), without a key: the agency"
        + " verifies the identity, the provider answers within 5 working days, the person follows and disputes by the token")
public class PersonApplicationResource {

    @Inject
    PersonApplications persons;

    @POST
    @PermitAll
    @Operation(summary = "Apply for a CONDITIONAL open resource as a natural person",
            description = "Body: name, idNumber (citizen ID, checked; kept masked), contact, resource, fields[], purpose, scenario;"
                    + " or, with the identity platform's ID token in the Identity-Token header, no name nor idNumber: the"
                    + " platform's verified subject applies and the provider's days start at once."
                    + " The answer carries a token, shown once: keep it to follow the application at GET /api/v1/open/applications/{token}.")
    public Response file(PersonApplications.PersonAsk body,
                         @Parameter(description = "an ID token of the identity platform (pdx.console.oidc.*) the person logged in to:"
                                 + " the platform's verified subject applies, with no name or idNumber")
                         @HeaderParam(PersonApplications.IDENTITY_HEADER) String identityToken) {
        return Response.status(201).entity(persons.file(body, identityToken)).build();
    }

    @GET
    @PermitAll
    @Operation(summary = "The applications of the person the identity platform's ID token (header Identity-Token) vouches for")
    public List<PersonApplications.PersonView> mine(@HeaderParam(PersonApplications.IDENTITY_HEADER) String identityToken) {
        return persons.mine(identityToken);
    }

    @GET
    @Path("{token}")
    @PermitAll
    @Operation(summary = "The application, by the token returned at filing: status, identity verified, due date, decision")
    public PersonApplications.PersonView get(@PathParam("token") String token) {
        return persons.byToken(token);
    }

    @POST
    @Path("{token}/dispute")
    @PermitAll
    @Operation(summary = "Dispute a refusal, or an application unanswered past its due date: {\"reason\"}; the agency reviewer decides")
    public PersonApplications.PersonView dispute(@PathParam("token") String token, ShareRequestResource.DisputeBody body) {
        return persons.dispute(token, body == null ? null : body.reason());
    }
}
