package org.pdxhub.plugins.masking;

import jakarta.inject.Singleton;
import org.pdxhub.plugin.FieldMasker;
import org.pdxhub.plugin.MaskingKeys;
import org.pdxhub.plugin.MaskingStrategy;

import java.util.List;

/**
 * {@code pseudonym(sm3|sha256[,length])}: the value's HMAC (SM3 or SHA-256) under the platform's
 * pseudonym secret, in lowercase hex, cut to {@code length} characters (default 32). One value
 * gives one pseudonym across the platform, so records can still be joined; without the secret
 * it cannot be recomputed from a guessed value, as a plain hash could.
 */
@Singleton
public final class PseudonymStrategy implements MaskingStrategy {

    public static final String NAME = "pseudonym";
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public FieldMasker compile(List<String> args, MaskingKeys keys) {
        RuleArgs a = RuleArgs.of(args, "pseudonym(sm3|sha256[,length])", 1, 2);
        KeyedHash.Algorithm algorithm = KeyedHash.Algorithm.read(a, 0);
        // Below 16 hex characters (64 bits) pseudonyms of a large register start to collide.
        int length = a.has(1) ? (int) a.wholeNumber(1, "length", 16, 64) : 32;
        KeyedHash hash = KeyedHash.withPseudonymSecret(algorithm, keys, a);
        return FieldMasker.of(value -> value == null ? null : hex(hash.hash(value.toString()), length),
                value -> value instanceof String s && isHex(s, length));
    }

    /**
     * A pseudonym's shape: exactly {@code length} lowercase hex characters, at least one of them a
     * letter. A run of digits alone could be a raw number padded to the length; an honest pseudonym
     * without a letter (one in 3 million at 32 characters, one in 1,800 at 16) is masked again by
     * the node that checks it, which is the safe side.
     */
    static boolean isHex(String value, int length) {
        if (value.length() != length) {
            return false;
        }
        boolean letter = false;
        for (int i = 0; i < length; i++) {
            char c = value.charAt(i);
            if (c >= 'a' && c <= 'f') {
                letter = true;
            } else if (c < '0' || c > '9') {
                return false;
            }
        }
        return letter;
    }

    private static String hex(byte[] bytes, int length) {
        char[] out = new char[length];
        for (int i = 0; i < length; i++) {
            int b = bytes[i >> 1];
            out[i] = HEX[(i & 1) == 0 ? (b >> 4) & 0xf : b & 0xf];
        }
        return new String(out);
    }
}
