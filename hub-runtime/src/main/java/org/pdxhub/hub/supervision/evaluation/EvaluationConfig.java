package org.pdxhub.hub.supervision.evaluation;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Evaluation of departments (评估, art. 43). The score of a department for a period is
 * {@code 100 × Σ weight·value / Σ weight} over the indicators that have a value (an indicator with
 * nothing to measure, such as on-time answers without any request, is left out rather than counted
 * as 0 or 1). Each value is a rate from 0 to 1:
 * <ul>
 * <li>catalog: resources updated within their cycle / resources published (art. 8)</li>
 * <li>conformity: records accepted / records sent (aggregation, art. 11)</li>
 * <li>quality: the mean quality score of its resources / 100</li>
 * <li>sharing: share requests answered on time / answered (arts. 18-19)</li>
 * <li>corrections: corrections answered on time / corrections filed (art. 9)</li>
 * </ul>
 * A score is kept with the formula's name: changing weights under a new name scores the periods
 * evaluated after; a period already scored keeps its score unless the agency asks to rescore it.
 */
@ConfigMapping(prefix = "pdx.evaluation")
public interface EvaluationConfig {

    /** The formula's name, kept with every score. Change it whenever a weight changes. */
    @WithDefault("2026-1")
    String formula();

    Weights weights();

    /** pdx.evaluation.weights.*: relative weights; 0 leaves an indicator out. */
    interface Weights {
        @WithDefault("20")
        double catalog();

        @WithDefault("20")
        double conformity();

        @WithDefault("20")
        double quality();

        @WithDefault("25")
        double sharing();

        @WithDefault("15")
        double corrections();
    }
}
