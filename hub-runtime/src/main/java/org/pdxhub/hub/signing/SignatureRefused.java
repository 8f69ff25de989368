package org.pdxhub.hub.signing;

import io.quarkus.security.AuthenticationException;
import org.pdxhub.hub.api.Problem;

/**
 * A signed request that is not accepted, with what the caller has to change. Marked as an
 * authentication failure, so that Quarkus stops there and no endpoint runs; not Quarkus's own
 * (final) AuthenticationFailedException, whose mapper answers with the Bearer hint.
 */
public class SignatureRefused extends SecurityException implements AuthenticationException {

    private final String rule;
    private final String field;
    private final int status;

    public SignatureRefused(String rule, String field, String detail) {
        this(401, rule, field, detail);
    }

    public SignatureRefused(int status, String rule, String field, String detail) {
        super(detail, null);
        this.status = status;
        this.rule = rule;
        this.field = field;
    }

    public String rule() {
        return rule;
    }

    public Problem toProblem() {
        return new Problem("urn:pdx:problem:" + rule, status == 401 ? "Signature refused" : "Signed request refused", status, getMessage(), field);
    }
}
