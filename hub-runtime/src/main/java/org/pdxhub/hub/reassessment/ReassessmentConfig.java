package org.pdxhub.hub.reassessment;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The periodic re-assessment of classifications (定期更新, art. 15): how often, and how early the provider is reminded. */
@ConfigMapping(prefix = "pdx.reassessment")
public interface ReassessmentConfig {

    /**
     * Working days from a classification's last assessment to its next. Art. 15 says only
     * "periodically" (定期); 250 working days is about one calendar year, the annual review the
     * prefecture's departments already hold.
     */
    @WithDefault("250")
    int periodWorkingDays();

    /** Working days before the due date at which the provider is reminded (once per due date). */
    @WithDefault("10")
    int remindWorkingDays();

    /** A Quarkus scheduler interval: how often due and overdue re-assessments are looked for. */
    @WithDefault("60s")
    String checkEvery();
}
