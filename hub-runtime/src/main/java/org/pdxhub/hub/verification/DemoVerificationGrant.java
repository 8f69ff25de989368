package org.pdxhub.hub.verification;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;
import org.pdxhub.hub.catalog.Catalog;
import org.pdxhub.hub.node.HubConfig;
import org.pdxhub.hub.sharing.Grant;
import org.pdxhub.hub.sharing.GrantSource;
import org.pdxhub.hub.sharing.Grants;
import org.pdxhub.hub.sharing.Purpose;

import java.time.Clock;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.Optional;
import java.util.Set;

/**
 * The demo's verification grant: the human resources bureau checks names and birth dates it holds
 * against the population resource (参保登记核验身份), as if its request had been approved. Issued
 * once, on a demo node only, after the catalog is seeded.
 */
@ApplicationScoped
public class DemoVerificationGrant {

    private static final Logger LOG = Logger.getLogger(DemoVerificationGrant.class);
    static final String HOLDER = "11513300MB0000004P";
    static final String RESOURCE = "GZ-PSB-POP-001";
    static final String SOURCE_ID = "demo-verification";

    @Inject
    HubConfig hub;

    @Inject
    VerifyConfig config;

    @Inject
    Catalog catalog;

    @Inject
    Grants grants;

    @Inject
    Clock clock;

    /** At start (the start-up step {@code DEMO_VERIFICATION_GRANT}). */
    public void issueOnADemoNode() {
        if (hub.demo() && config.demoGrant()) {
            issue();
        }
    }

    /** The demo grant, unless the population resource is not published or the grant was issued before. */
    Optional<Grant> issue() {
        if (catalog.publishedSpec(RESOURCE).isEmpty() || grants.heldBy(HOLDER).stream().anyMatch(g -> SOURCE_ID.equals(g.sourceId()))) {
            return Optional.empty();
        }
        Instant now = Instant.now(clock);
        Grant g = grants.issue(HOLDER, RESOURCE, Set.of("person_name", "birth_date"), Set.of(),
                new Purpose("si-identity-check", "参保登记核验身份"), now, ZonedDateTime.now(clock).plusYears(1).toInstant(),
                GrantSource.VERIFICATION_REQUEST, SOURCE_ID, null, null, "demo");
        LOG.infof("Demo verification grant %s: %s verifies person_name and birth_date of %s", g.id(), HOLDER, RESOURCE);
        return Optional.of(g);
    }
}
