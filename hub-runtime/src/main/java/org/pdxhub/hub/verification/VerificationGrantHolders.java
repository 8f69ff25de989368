package org.pdxhub.hub.verification;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.pdxhub.hub.messaging.VerificationHolders;
import org.pdxhub.hub.sharing.GrantSource;
import org.pdxhub.hub.sharing.Grants;

import java.time.Clock;
import java.time.Instant;

/** The broker's question, answered from the grants: may this organisation send to {@code pdx.verify.{code}}. */
@ApplicationScoped
public class VerificationGrantHolders implements VerificationHolders {

    @Inject
    Grants grants;

    @Inject
    Clock clock;

    @Override
    public boolean holdsLive(String organisation, String code) {
        Instant now = Instant.now(clock);
        return grants.bestFor(organisation, code, now, GrantSource.VERIFICATION_REQUEST).filter(g -> g.spec().isLiveAt(now)).isPresent();
    }
}
