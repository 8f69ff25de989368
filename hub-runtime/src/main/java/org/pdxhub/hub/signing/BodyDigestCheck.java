package org.pdxhub.hub.signing;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.io.ByteArrayInputStream;
import java.io.IOException;

/**
 * Compares a signed request's body with its {@code Pdx-Content-SHA256}, which the signature
 * covers. Runs after authentication (the signature and nonce are checked by then) and before
 * the endpoint reads the body: it reads the body once, and hands the same bytes on, so what
 * the endpoint reads is exactly what was digested.
 */
public class BodyDigestCheck {

    @Inject
    MeterRegistry metrics;

    @ServerRequestFilter
    public Response verify(ContainerRequestContext request) throws IOException {
        if (request.getHeaderString(Signature.SIGNATURE) == null) {
            return null;
        }
        MediaType type = request.getMediaType();
        if (type != null && "multipart".equalsIgnoreCase(type.getType())) {
            // The form parser reads the request itself, so the bytes cannot be digested first.
            return refuse(new SignatureRefused(415, "signing.multipart-unsupported", "Content-Type",
                    "a signed request cannot carry a multipart body yet: send documents with 'Authorization: Bearer <key>'"));
        }
        byte[] body = request.getEntityStream().readAllBytes();
        request.setEntityStream(new ByteArrayInputStream(body));
        String actual = Signature.contentSha256(body);
        String claimed = request.getHeaderString(Signature.CONTENT_SHA256);
        if (claimed == null || !actual.equals(claimed.trim())) {
            return refuse(new SignatureRefused("signing.body-digest-mismatch", Signature.CONTENT_SHA256,
                    "the body's SHA-256 is " + actual + " (" + body.length + " bytes) but Pdx-Content-SHA256 says " + claimed
                            + ": digest and sign the exact bytes sent, and do not change the body after signing"));
        }
        return null;
    }

    private Response refuse(SignatureRefused refused) {
        SignedRequestIdentityProvider.count(metrics, refused.rule());
        return SigningProblems.respond(refused);
    }
}
