package org.pdxhub.hub.statistics;

import java.util.random.RandomGenerator;

/**
 * Differential-privacy noise. Counts take the two-sided geometric mechanism (the discrete
 * Laplace: P(k) = (1-α)/(1+α)·α^|k|, α = e^(-ε), for a count's sensitivity of 1), so a count stays
 * a whole number; sums take Laplace noise of scale bound/ε, the bound each value is clipped to.
 */
public final class Noise {

    private final RandomGenerator random;

    public Noise(RandomGenerator random) {
        this.random = random;
    }

    /** A draw of the two-sided geometric distribution with α = e^(-ε): the difference of two geometric draws. */
    public long geometric(double epsilon) {
        double alpha = Math.exp(-epsilon);
        return oneSided(alpha) - oneSided(alpha);
    }

    /** A draw of Laplace(0, scale), by inverting its distribution function. */
    public double laplace(double scale) {
        double u = random.nextDouble() - 0.5;
        return -scale * Math.signum(u) * Math.log(1 - 2 * Math.abs(u));
    }

    /** Failures before the first success, success probability 1-α: floor(ln U / ln α). */
    private long oneSided(double alpha) {
        double u = 1 - random.nextDouble();
        return (long) Math.floor(Math.log(u) / Math.log(alpha));
    }
}
