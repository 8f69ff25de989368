package org.pdxhub.hub.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * A body over the limit is answered 413 with a problem detail, after the body has been read and
 * dropped. Vert.x's own limit answers and closes the connection at once: a client still sending
 * then sees its connection reset and never reads the 413. Reading on is bounded too (four times
 * the server-wide limit), so that an endless body still ends in a closed connection.
 */
@Singleton
public class BodyLimits {

    private static final Logger LOG = Logger.getLogger(BodyLimits.class);
    private static final Pattern RECORDS = Pattern.compile("/api/v1/exchange/[^/]+/records/?");

    @Inject
    ApiConfig config;

    @ConfigProperty(name = "quarkus.http.limits.max-body-size")
    MemorySize serverLimit;

    @Inject
    ObjectMapper json;

    /** Before Quarkus's body handler (order MIN_VALUE + 1), which applies the server-wide limit. */
    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(this::check);
    }

    long limitFor(String path) {
        long server = serverLimit.asLongValue();
        return path != null && RECORDS.matcher(path).matches() ? Math.min(config.maxRecordsBody().asLongValue(), server) : server;
    }

    private void check(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        long declared;
        try {
            declared = length == null ? -1 : Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            declared = -1;
        }
        long limit = limitFor(request.path());
        if (declared <= limit) {
            ctx.next();
            return;
        }
        LOG.infof("Refused a body of %d bytes to %s (limit %d)", declared, request.path(), limit);
        byte[] problem = problem(declared, limit);
        AtomicLong drained = new AtomicLong();
        long drainLimit = Math.max(limit, serverLimit.asLongValue()) * 4;
        request.handler(chunk -> {
            if (drained.addAndGet(chunk.length()) > drainLimit && !request.response().ended()) {
                request.response().setStatusCode(413).putHeader(HttpHeaders.CONNECTION, "close")
                        .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE).end(Buffer.buffer(problem));
                request.connection().close();
            }
        });
        request.endHandler(end -> {
            if (!request.response().ended()) {
                request.response().setStatusCode(413).putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                        .end(Buffer.buffer(problem));
            }
        });
        request.resume();
    }

    private byte[] problem(long declared, long limit) {
        try {
            return json.writeValueAsBytes(new Problem("urn:pdx:problem:body-too-large", "Body too large", 413,
                    "the body is " + declared + " bytes; this endpoint takes at most " + limit + " bytes: send the records in smaller batches",
                    "body"));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
