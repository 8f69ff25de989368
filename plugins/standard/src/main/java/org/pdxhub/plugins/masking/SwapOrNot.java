package org.pdxhub.plugins.masking;

/**
 * A permutation of the numbers 0 to n-1 chosen by a secret seed: the swap-or-not shuffle of
 * Hoang, Morris and Rogaway (CRYPTO 2012). It serves small domains (n in the hundreds), where
 * a hash of the value would make two values collide. Each round swaps x with key - x (mod n)
 * or not, as a bit of the seed mixed with the pair decides; each round undoes itself, so the
 * inverse runs the rounds backwards. The secrecy is the seed's, which comes from an HMAC; the
 * round function is a fast mixer, not a proven pseudo-random function.
 */
final class SwapOrNot {

    /** Well above the 6 log2(n) rounds the paper's analysis asks for n up to 2^16. */
    private static final int ROUNDS = 96;
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;

    private final long n;
    private final long seed;

    SwapOrNot(long n, long seed) {
        if (n < 2) {
            throw new IllegalArgumentException("a permutation needs at least 2 elements");
        }
        this.n = n;
        this.seed = seed;
    }

    long forward(long x) {
        for (int i = 0; i < ROUNDS; i++) {
            x = round(x, i);
        }
        return x;
    }

    long backward(long x) {
        for (int i = ROUNDS - 1; i >= 0; i--) {
            x = round(x, i);
        }
        return x;
    }

    /**
     * The element after {@code x} when the permutation lists the domain in one cycle: a bijection
     * that moves every element, so a replacement never equals what it replaces.
     */
    long next(long x) {
        return forward((backward(x) + 1) % n);
    }

    private long round(long x, int i) {
        long key = Long.remainderUnsigned(mix(seed + GOLDEN * (2L * i + 1)), n);
        long partner = Math.floorMod(key - x, n);
        long pair = Math.max(x, partner);
        boolean swap = (mix(seed ^ mix(pair + GOLDEN * (2L * i + 2))) & 1) != 0;
        return swap ? partner : x;
    }

    /** The finaliser of SplitMix64: every input bit affects every output bit. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
