package org.pdxhub.plugins.masking;

import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.digests.SM3Digest;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.params.KeyParameter;
import org.pdxhub.plugin.MaskingKeys;

import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/**
 * HMAC under the platform's pseudonym secret, for the strategies that must give one value the
 * same replacement on every node. Each thread keeps its own keyed {@link HMac}: keying one costs
 * more than hashing a short value.
 */
final class KeyedHash {

    /** A secret shorter than this would make pseudonyms guessable by trying secrets. */
    static final int MIN_SECRET_BYTES = 16;

    enum Algorithm {
        SM3("sm3", SM3Digest::new), SHA256("sha256", SHA256Digest::new);

        final String ruleName;
        final Supplier<Digest> digest;

        Algorithm(String ruleName, Supplier<Digest> digest) {
            this.ruleName = ruleName;
            this.digest = digest;
        }

        static Algorithm read(RuleArgs args, int index) {
            return args.choice(index, "algorithm", "sm3", "sha256").equals("sm3") ? SM3 : SHA256;
        }
    }

    private final ThreadLocal<HMac> macs;

    private KeyedHash(Algorithm algorithm, byte[] secret) {
        this.macs = ThreadLocal.withInitial(() -> {
            HMac mac = new HMac(algorithm.digest.get());
            mac.init(new KeyParameter(secret));
            return mac;
        });
    }

    /** @throws IllegalArgumentException when no usable pseudonym secret is configured (never showing it) */
    static KeyedHash withPseudonymSecret(Algorithm algorithm, MaskingKeys keys, RuleArgs args) {
        byte[] secret = keys == null ? null : keys.pseudonymSecret();
        if (secret == null || secret.length < MIN_SECRET_BYTES) {
            throw args.needs("the platform's pseudonym secret must be configured, at least "
                    + MIN_SECRET_BYTES + " bytes long");
        }
        return new KeyedHash(algorithm, secret.clone());
    }

    byte[] hash(String text) {
        HMac mac = macs.get();
        byte[] input = text.getBytes(StandardCharsets.UTF_8);
        mac.update(input, 0, input.length);
        byte[] out = new byte[mac.getMacSize()];
        mac.doFinal(out, 0); // also resets the mac to its keyed state for the next value
        return out;
    }

    /** The first 8 bytes of the hash of {@code text}, as a number. */
    long hashToLong(String text) {
        byte[] h = hash(text);
        long n = 0;
        for (int i = 0; i < 8; i++) {
            n = n << 8 | (h[i] & 0xff);
        }
        return n;
    }
}
