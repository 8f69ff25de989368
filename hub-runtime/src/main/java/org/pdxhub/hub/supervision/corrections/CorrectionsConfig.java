package org.pdxhub.hub.supervision.corrections;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Corrections (纠错, art. 9). */
@ConfigMapping(prefix = "pdx.corrections")
public interface CorrectionsConfig {

    /** Working days the provider has to answer a correction. */
    @WithDefault("5")
    int answerDays();
}
