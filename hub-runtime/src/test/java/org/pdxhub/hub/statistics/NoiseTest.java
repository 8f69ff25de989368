package org.pdxhub.hub.statistics;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The noise has the distribution the answer states: tested over many draws from a fixed seed. */
class NoiseTest {

    static final int DRAWS = 200_000;

    @Test
    void countNoiseIsTwoSidedGeometricByAChiSquareTest() {
        for (double epsilon : new double[]{0.1, 0.5, 1.0}) {
            double excess = chiSquare(new Noise(new SplittableRandom(20261130L)), epsilon, epsilon);
            assertTrue(excess < 0, "ε " + epsilon + ": χ² above the critical value by " + excess);
        }
    }

    @Test
    void theChiSquareTestTellsAWrongEpsilonApart() {
        // The same draws judged against the distribution of another ε must fail, or the test above proves nothing.
        double excess = chiSquare(new Noise(new SplittableRandom(20261130L)), 0.5, 0.6);
        assertTrue(excess > 0, "χ² below the critical value by " + -excess);
    }

    @Test
    void sumNoiseIsLaplaceByAKolmogorovSmirnovTest() {
        Noise noise = new Noise(new SplittableRandom(7L));
        double scale = 2000;
        double[] x = new double[DRAWS];
        for (int i = 0; i < DRAWS; i++) {
            x[i] = noise.laplace(scale);
        }
        double d = ks(x, scale);
        // Critical value at p = 0.001: 1.949 / √n.
        assertTrue(d < 1.949 / Math.sqrt(DRAWS), "D " + d);
        assertTrue(ks(x, scale * 1.05) > 1.949 / Math.sqrt(DRAWS), "a 5% wrong scale is told apart");
    }

    /**
     * χ² of draws made with {@code drawn} against the two-sided geometric distribution of
     * {@code expected}, minus the critical value at p = 0.001 for its degrees of freedom (Wilson–Hilferty):
     * below 0 the draws fit. Cells |k| < K each expect at least 5 draws; the two tails |k| >= K are a cell each.
     */
    private static double chiSquare(Noise noise, double drawn, double expected) {
        double alpha = Math.exp(-expected);
        double c = (1 - alpha) / (1 + alpha);
        int half = 1;
        while (c * Math.pow(alpha, half) * DRAWS >= 5 && Math.pow(alpha, half + 1) / (1 + alpha) * DRAWS >= 5) {
            half++;
        }
        long[] observed = new long[2 * half + 1];
        for (int i = 0; i < DRAWS; i++) {
            long k = noise.geometric(drawn);
            int cell = k <= -half ? 0 : k >= half ? 2 * half : (int) k + half;
            observed[cell]++;
        }
        double tail = Math.pow(alpha, half) / (1 + alpha);
        double chi2 = 0;
        for (int cell = 0; cell <= 2 * half; cell++) {
            int k = cell - half;
            double p = cell == 0 || cell == 2 * half ? tail : c * Math.pow(alpha, Math.abs(k));
            double e = p * DRAWS;
            chi2 += (observed[cell] - e) * (observed[cell] - e) / e;
        }
        int df = 2 * half;
        double h = 2.0 / (9 * df);
        double critical = df * Math.pow(1 - h + 3.090 * Math.sqrt(h), 3);
        return chi2 - critical;
    }

    private static double ks(double[] draws, double scale) {
        double[] x = draws.clone();
        Arrays.sort(x);
        double d = 0;
        for (int i = 0; i < x.length; i++) {
            double f = x[i] < 0 ? 0.5 * Math.exp(x[i] / scale) : 1 - 0.5 * Math.exp(-x[i] / scale);
            d = Math.max(d, Math.max(Math.abs(f - (double) i / x.length), Math.abs((double) (i + 1) / x.length - f)));
        }
        return d;
    }
}
