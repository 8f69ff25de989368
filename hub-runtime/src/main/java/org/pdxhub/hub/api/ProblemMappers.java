package org.pdxhub.hub.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.pdxhub.hub.store.StoreException;

import java.util.stream.Collectors;

/**
 * Every error leaves the API as a problem detail (API.md). A caller's mistake is a 4xx that
 * says what to change; an unexpected failure is logged here and answered without internals.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response problem(ProblemException e) {
        return respond(e.toProblem());
    }

    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class})
    public Response unauthorized(RuntimeException e) {
        return Response.status(401)
                .header("WWW-Authenticate", "Bearer")
                .type(Problem.MEDIA_TYPE)
                .entity(new Problem("urn:pdx:problem:unauthenticated", "Unauthenticated", 401,
                        "send a valid API key as 'Authorization: Bearer <key>'", "Authorization"))
                .build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return respond(new Problem("urn:pdx:problem:forbidden", "Forbidden", 403,
                "this key's roles do not allow this call" + (e.getMessage() == null ? "" : ": " + e.getMessage()), null));
    }

    @ServerExceptionMapper({JsonProcessingException.class, MismatchedInputException.class, InvalidFormatException.class})
    public Response unreadable(JsonProcessingException e) {
        String field = null;
        String detail = "the body is not valid JSON: " + e.getOriginalMessage();
        if (e instanceof JsonMappingException m && !m.getPath().isEmpty()) {
            field = m.getPath().stream()
                    .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                    .collect(Collectors.joining("."));
            if (e instanceof UnrecognizedPropertyException u) {
                detail = "unknown field '" + u.getPropertyName() + "'; known fields: " + u.getKnownPropertyIds();
            } else if (e instanceof InvalidFormatException f) {
                detail = "'" + f.getValue() + "' is not a valid " + f.getTargetType().getSimpleName()
                        + (f.getTargetType().isEnum() ? " (one of " + java.util.Arrays.toString(f.getTargetType().getEnumConstants()) + ")" : "");
            } else {
                detail = "field '" + field + "': " + e.getOriginalMessage();
            }
        }
        return respond(new Problem("urn:pdx:problem:malformed-body", "Malformed body", 400, detail, field));
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        if (e.getCause() instanceof JsonProcessingException unreadable) {
            return unreadable(unreadable);
        }
        int status = e.getResponse().getStatus();
        String title = e.getResponse().getStatusInfo().getReasonPhrase();
        return respond(new Problem("urn:pdx:problem:http-" + status, title, status, e.getMessage(), null));
    }

    @ServerExceptionMapper
    public Response store(StoreException e) {
        LOG.error("Store failure", e);
        return respond(new Problem("urn:pdx:problem:store-unavailable", "Store unavailable", 503,
                "the node's store did not answer; try again, and tell the operator if it persists", null));
    }

    private static Response respond(Problem p) {
        return Response.status(p.status()).type(Problem.MEDIA_TYPE).entity(p).build();
    }
}
