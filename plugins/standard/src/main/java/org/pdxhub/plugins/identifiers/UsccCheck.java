package org.pdxhub.plugins.identifiers;

import jakarta.inject.Singleton;
import org.pdxhub.plugin.IdentifierCheck;

import java.util.Arrays;
import java.util.Optional;

/**
 * 统一社会信用代码 (GB 32100-2015): 18 characters from a 31-character alphabet (no I, O, S, V,
 * Z), the last a check character by weighted sum modulo 31.
 */
@Singleton
public final class UsccCheck implements IdentifierCheck {

    public static final String KIND = "uscc";

    /** The code's alphabet; a character's index is its value. */
    public static final String ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";

    private static final int[] WEIGHTS = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};
    private static final byte[] VALUES = new byte[128];

    static {
        Arrays.fill(VALUES, (byte) -1);
        for (int i = 0; i < ALPHABET.length(); i++) {
            VALUES[ALPHABET.charAt(i)] = (byte) i;
        }
    }

    private static final Optional<String> WRONG_LENGTH = Optional.of("must be 18 characters");
    private static final Optional<String> OUTSIDE_ALPHABET =
            Optional.of("may hold only digits and capital letters other than I, O, S, V and Z");
    private static final Optional<String> WRONG_CHECK_CHARACTER =
            Optional.of("the check character (the 18th) does not match the first 17: a character may be mistyped");

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public Optional<String> problem(String value) {
        if (value == null || value.length() != 18) {
            return WRONG_LENGTH;
        }
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            int v = valueOf(value.charAt(i));
            if (v < 0) {
                return OUTSIDE_ALPHABET;
            }
            sum += v * WEIGHTS[i];
        }
        int check = valueOf(value.charAt(17));
        if (check < 0) {
            return OUTSIDE_ALPHABET;
        }
        return check == checkValue(sum) ? Optional.empty() : WRONG_CHECK_CHARACTER;
    }

    /** The value of {@code c} in the alphabet, or -1 when it is not in it (lowercase included). */
    public static int valueOf(char c) {
        return c < 128 ? VALUES[c] : -1;
    }

    /**
     * The check character of a code whose first 17 characters are {@code code}'s (any further
     * characters are ignored), for code that builds USCCs.
     *
     * @throws IllegalArgumentException when there are fewer than 17 leading characters of the alphabet
     */
    public static char checkCharacter(CharSequence code) {
        if (code.length() < 17) {
            throw new IllegalArgumentException("a check character needs 17 characters of the USCC alphabet");
        }
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            int v = valueOf(code.charAt(i));
            if (v < 0) {
                throw new IllegalArgumentException("a check character needs 17 characters of the USCC alphabet");
            }
            sum += v * WEIGHTS[i];
        }
        return ALPHABET.charAt(checkValue(sum));
    }

    /** 31 - (sum mod 31), where 31 is written as 0. */
    private static int checkValue(int sum) {
        return (31 - sum % 31) % 31;
    }
}
