package org.pdxhub.plugins.masking;

import jakarta.inject.Singleton;
import org.pdxhub.plugin.FieldMasker;
import org.pdxhub.plugin.MaskingKeys;
import org.pdxhub.plugin.MaskingStrategy;
import org.pdxhub.plugins.identifiers.UsccCheck;

import java.util.List;

/**
 * {@code fpe-uscc([sm3|sha256])}: replaces a unified social credit code by another that passes
 * the {@code uscc} check, the same one for the same code on every node (keyed by the pseudonym
 * secret, HMAC-SM3 by default). The registering authority and kind of organisation (characters
 * 1-2) and the region (3-8) stay; the organisation code (9-17) is replaced by one derived from
 * the HMAC of the whole code, in the USCC alphabet, and the check character is recomputed.
 * <p>
 * With 31^9 (2.6 * 10^13) organisation codes a hash rarely makes two codes collide: among a
 * million organisations of one region, the chance that any two share a replacement is about 2%.
 * The replacement is never the code itself. A value that is not a valid USCC is suppressed.
 */
@Singleton
public final class FpeUsccStrategy implements MaskingStrategy {

    public static final String NAME = "fpe-uscc";
    private static final int KEPT = 8;
    private static final int REPLACED = 9;
    private static final long CODES = pow(31, REPLACED);

    private final UsccCheck check = new UsccCheck();

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public FieldMasker compile(List<String> args, MaskingKeys keys) {
        RuleArgs a = RuleArgs.of(args, "fpe-uscc([sm3|sha256])", 0, 1);
        KeyedHash.Algorithm algorithm = a.has(0) ? KeyedHash.Algorithm.read(a, 0) : KeyedHash.Algorithm.SM3;
        KeyedHash hash = KeyedHash.withPseudonymSecret(algorithm, keys, a);
        // Its output is a valid-looking identifier, so it cannot be told from a raw one: a node
        // above never takes a claim of it on trust (FieldMasker.looksMasked stays false).
        return value -> value == null ? null : replace(value.toString(), hash);
    }

    private String replace(String code, KeyedHash hash) {
        if (!check.isValid(code)) {
            return null;
        }
        long original = 0;
        for (int i = KEPT; i < KEPT + REPLACED; i++) {
            original = original * 31 + UsccCheck.valueOf(code.charAt(i));
        }
        // The prefix names this rule, so the result is never the pseudonym of the same code.
        long replaced = Long.remainderUnsigned(hash.hashToLong(NAME + ":" + code.substring(0, 17)), CODES);
        if (replaced == original) {
            replaced = (replaced + 1) % CODES;
        }
        char[] out = new char[18];
        code.getChars(0, KEPT, out, 0);
        for (int i = KEPT + REPLACED - 1; i >= KEPT; i--) {
            out[i] = UsccCheck.ALPHABET.charAt((int) (replaced % 31));
            replaced /= 31;
        }
        out[17] = UsccCheck.checkCharacter(new String(out, 0, 17));
        return new String(out);
    }

    private static long pow(long base, int exponent) {
        long n = 1;
        for (int i = 0; i < exponent; i++) {
            n *= base;
        }
        return n;
    }
}
