package org.pdxhub.hub.signing;

import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.pdxhub.hub.api.Problem;

/** A refused signature as a problem detail that says which header to fix, not the generic 401. */
public class SigningProblems {

    @ServerExceptionMapper
    public Response refused(SignatureRefused e) {
        return respond(e);
    }

    static Response respond(SignatureRefused e) {
        Problem p = e.toProblem();
        var response = Response.status(p.status()).type(Problem.MEDIA_TYPE).entity(p);
        if (p.status() == 401) {
            response.header("WWW-Authenticate", "PDX-HMAC-SHA256 headers=\"" + String.join(" ", Signature.HEADERS) + "\"");
        }
        return response.build();
    }
}
