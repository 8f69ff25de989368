package org.pdxhub.hub.supervision;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.pdxhub.hub.access.Agency;
import org.pdxhub.hub.access.Caller;
import org.pdxhub.hub.access.Role;
import org.pdxhub.hub.api.ProblemException;

/**
 * Who sees supervision figures: the data agency's ADMIN and REVIEWER see every organisation's; a
 * department's SPECIALIST sees its own, never another department's.
 */
@Singleton
public class Oversight {

    @Inject
    Agency agency;

    /** True for the agency's ADMIN or REVIEWER. */
    public boolean seesAll(Caller by) {
        return agency.isOverseer(by);
    }

    /** Refuses a caller who may not see the figures of {@code organisation}. */
    public void requireSees(Caller by, String organisation, String what) {
        if (seesAll(by) || (by.has(Role.SPECIALIST) && by.organisation().equals(organisation))) {
            return;
        }
        throw ProblemException.forbidden("supervision.not-yours", what + " of " + organisation + " are seen by that organisation's"
                + " SPECIALIST and by an ADMIN or REVIEWER of the data agency " + agency.uscc() + "; this key is "
                + by.roles() + " of " + by.organisation());
    }

    public String agencyUscc() {
        return agency.uscc();
    }
}
