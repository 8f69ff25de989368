package org.pdxhub.hub.calendar;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Deadlines per rule, in working days. The defaults are those of the Ganzi measures; other
 * jurisdictions set their own, e.g. {@code pdx.deadlines.catalog-update=10}.
 */
@ConfigMapping(prefix = "pdx.deadlines")
public interface Deadlines {

    /** Art. 8: after a change of law or duty, the catalog is updated within this many working days. */
    @WithDefault("15")
    int catalogUpdate();

    /** Art. 18: the formal review of a request for unconditionally shared data. */
    @WithDefault("1")
    int unconditionalShareReview();

    /** Art. 18: the provider's answer to a request for conditionally shared data. */
    @WithDefault("5")
    int conditionalShareDecision();

    /** Art. 21: the provider's response to a demand for data not yet in the catalog. */
    @WithDefault("5")
    int demandResponse();

    /** Art. 26: the provider's answer to an application for conditionally open data. */
    @WithDefault("5")
    int openApplication();

    /**
     * Art. 18, 26: the agency's settlement of a disputed refusal. The measures say only "in good
     * time" (及时); this is the hub's default, so that a dispute too has a date and can be overdue.
     */
    @WithDefault("5")
    int disputeDecision();
}
