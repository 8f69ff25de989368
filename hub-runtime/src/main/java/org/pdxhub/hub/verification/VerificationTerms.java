package org.pdxhub.hub.verification;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.pdxhub.hub.access.Caller;
import org.pdxhub.hub.api.ProblemException;
import org.pdxhub.hub.catalog.Catalog;
import org.pdxhub.hub.catalog.CatalogResource;
import org.pdxhub.hub.sharing.Grant;
import org.pdxhub.hub.sharing.GrantSource;
import org.pdxhub.hub.sharing.Grants;

import java.time.Clock;
import java.time.Instant;

/** The provider's terms for a verification grant: its own limits, and whether a key not held may be told apart. */
@ApplicationScoped
public class VerificationTerms {

    @Inject
    Grants grants;

    @Inject
    Catalog catalog;

    @Inject
    VerificationCalls calls;

    @Inject
    Clock clock;

    public VerificationCalls.Terms set(String grantId, VerificationCalls.Terms t, Caller by) {
        Grant g = grants.find(grantId).filter(x -> x.source() == GrantSource.VERIFICATION_REQUEST)
                .orElseThrow(() -> ProblemException.notFound("verification grant", grantId));
        String provider = catalog.find(g.resourceCode()).map(CatalogResource::provider).orElse(null);
        if (!by.organisation().equals(provider)) {
            throw ProblemException.forbidden("verify.not-provider", "the terms of grant " + grantId + " are set by the data specialist of "
                    + g.resourceCode() + "'s provider " + provider + "; this key is of " + by.organisation());
        }
        if (t == null) {
            throw ProblemException.badRequest("missing-body", null, "send {\"recordsPerDay\": n|null, \"callsPerMinute\": n|null,"
                    + " \"unknownDistinct\": false}");
        }
        positive(t.recordsPerDay(), "recordsPerDay");
        positive(t.callsPerMinute(), "callsPerMinute");
        calls.setTerms(grantId, t, Instant.now(clock), by.keyId());
        return t;
    }

    private static void positive(Integer n, String field) {
        if (n != null && n < 1) {
            throw ProblemException.badRequest("invalid-parameter", field, field + " is at least 1, or null for the node's default");
        }
    }
}
