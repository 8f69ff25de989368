package org.pdxhub.hub.account;

import org.jose4j.jwt.consumer.InvalidJwtException;

import java.util.stream.Collectors;

/** Why quarkus-oidc refused a login, in words a person can act on, without the token itself. */
public final class ProviderFailures {

    private ProviderFailures() {
    }

    /** {@code ": <reason>"} from the refusal's causes (the ID token's failed checks), or nothing when none says why. */
    public static String reason(Throwable refusal) {
        for (Throwable t = refusal; t != null; t = t.getCause()) {
            if (t instanceof InvalidJwtException invalid) {
                // jose4j's messages may quote the whole token, personal claims included: only the reason is kept.
                return ": the ID token was refused: " + invalid.getErrorDetails().stream()
                        .map(d -> d.getErrorMessage().replaceAll(":? ?JsonWebSignature\\{.*", "").replaceAll("eyJ[A-Za-z0-9_.-]+", "…"))
                        .collect(Collectors.joining("; "));
            }
        }
        return "";
    }
}
