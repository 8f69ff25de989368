package org.pdxhub.hub.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.InvalidNullException;
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
import org.pdxhub.hub.store.StoreFailures;

import java.io.IOException;
import java.util.Arrays;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Every error leaves the API as a problem detail (API.md). A caller's mistake is a 4xx that
 * says what to change; an unexpected failure is logged here and answered without internals.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);
    /** Jackson quotes the token it choked on; that token may be personal data. */
    private static final Pattern QUOTED = Pattern.compile("'[^']*'");

    @ServerExceptionMapper
    public Response problem(ProblemException e) {
        Response answer = respond(e.toProblem());
        return e.retryAfterSeconds() > 0 ? Response.fromResponse(answer).header("Retry-After", e.retryAfterSeconds()).build() : answer;
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
        String at = e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
        String detail = "the body is not valid JSON: " + QUOTED.matcher(String.valueOf(e.getOriginalMessage())).replaceAll("'…'") + at;
        if (e instanceof JsonMappingException m && !m.getPath().isEmpty()) {
            field = m.getPath().stream()
                    .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                    .collect(Collectors.joining("."));
            if (e instanceof UnrecognizedPropertyException u) {
                detail = "unknown field '" + u.getPropertyName() + "'; known fields: " + u.getKnownPropertyIds();
            } else if (e instanceof InvalidNullException) {
                detail = "'" + field + "' may not be null: send " + ExpectedJson.of((MismatchedInputException) e) + at;
            } else if (e instanceof InvalidFormatException f) {
                detail = "the value of '" + field + "' cannot be read: it must be " + ExpectedJson.of(f) + at;
            } else if (e instanceof MismatchedInputException mismatched) {
                detail = "'" + field + "' must be " + ExpectedJson.of(mismatched) + at;
            } else {
                detail = "field '" + field + "': " + QUOTED.matcher(String.valueOf(e.getOriginalMessage())).replaceAll("'…'");
            }
        } else if (e instanceof MismatchedInputException mismatched) {
            // Jackson's own words name the Java type it was reading into; the caller sent JSON.
            String message = String.valueOf(e.getOriginalMessage());
            detail = message.startsWith("Trailing token") ? "there is more after the JSON value" + at + ": send exactly one value"
                    : message.startsWith("No content") ? "the body is empty: send " + ExpectedJson.of(mismatched)
                    : "the body must be " + ExpectedJson.of(mismatched) + at;
        }
        return respond(new Problem("urn:pdx:problem:malformed-body", "Malformed body", 400, detail, field));
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        if (e.getCause() instanceof JsonProcessingException unreadable) {
            return unreadable(unreadable);
        }
        if (e.getCause() instanceof ProblemException refused) {
            // A parameter converter's refusal (TypedParameters), which JAX-RS wraps in a 404.
            return respond(refused.toProblem());
        }
        int status = e.getResponse().getStatus();
        String title = e.getResponse().getStatusInfo().getReasonPhrase();
        return respond(new Problem("urn:pdx:problem:http-" + status, title, status, e.getMessage(), null));
    }

    @ServerExceptionMapper
    public Response store(StoreException e) {
        if (!StoreFailures.isStoreFailure(e)) {
            // A value the store's columns cannot take, or a constraint: the request's doing, not the store's.
            LOG.warnf("Store refused a request's data: SQLSTATE %s", e.sqlState());
            return e.isConstraintViolation()
                    ? respond(new Problem("urn:pdx:problem:conflict", "Conflict", 409,
                            "the request conflicts with what the node holds (a duplicate or a missing reference)", null))
                    : respond(new Problem("urn:pdx:problem:value-not-storable", "Invalid request", 400,
                            "a value of the request is too long or of the wrong kind for the node to store; shorten or correct it", null));
        }
        return storeUnavailable(e);
    }

    /**
     * An input failure reading the request, which no store raises (those are SQLExceptions): a
     * multipart form cut short or without its boundary, a body the client stopped sending.
     */
    @ServerExceptionMapper
    public Response unreadableRequest(IOException e) {
        LOG.debugf("Unreadable request: %s", e.toString());
        return respond(new Problem("urn:pdx:problem:malformed-body", "Malformed body", 400,
                "the request body could not be read to its end (a multipart form needs its boundary in Content-Type and a closing"
                        + " --boundary-- line): send the complete body", "body"));
    }

    /**
     * The last resort: whatever no other mapper took. A store that cannot be reached or written
     * is 503 (try again later); anything else is logged with an incident id that the answer
     * carries, so the operator can find it, and the caller learns nothing of the internals.
     */
    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER + 1000)
    public Response unexpected(Throwable e) {
        if (StoreFailures.isStoreFailure(e)) {
            return storeUnavailable(e);
        }
        String incident = UUID.randomUUID().toString();
        LOG.errorf(e, "Unexpected failure, incident %s", incident);
        return Response.status(500).type(Problem.MEDIA_TYPE).entity(new Problem("urn:pdx:problem:internal", "Internal error", 500,
                "the node failed to answer; tell the operator incident " + incident, null)).header("Pdx-Incident", incident).build();
    }

    private static Response storeUnavailable(Throwable e) {
        LOG.errorf("Store failure: %s", e.toString());
        LOG.debug("Store failure", e);
        return Response.status(503).type(Problem.MEDIA_TYPE).header("Retry-After", ProblemException.RETRY_AFTER_SECONDS)
                .entity(new Problem("urn:pdx:problem:store-unavailable", "Store unavailable", 503,
                        "the node's store did not answer; nothing was accepted: send again later, and tell the operator if it persists", null))
                .build();
    }

    private static Response respond(Problem p) {
        return Response.status(p.status()).type(Problem.MEDIA_TYPE).entity(p).build();
    }
}
