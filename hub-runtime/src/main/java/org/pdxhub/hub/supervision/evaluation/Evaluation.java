package org.pdxhub.hub.supervision.evaluation;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A department's score for a period (评估, art. 43), with each indicator and the evidence it counts.
 *
 * @param score 0 to 100, null when no indicator had anything to measure
 */
public record Evaluation(String period, String department, String name, String formula, Double score, List<Indicator> indicators,
                         Instant evaluatedAt) {

    /**
     * One indicator: its rate from 0 to 1 (null when there was nothing to measure), its weight and
     * the counts it is computed from ({@code value = evidence[numerator] / evidence[denominator]}).
     */
    public record Indicator(String name, Double value, double weight, String numerator, String denominator, Map<String, Object> evidence) {
    }
}
