package org.pdxhub.plugins.identifiers;

import jakarta.inject.Singleton;
import org.pdxhub.plugin.IdentifierCheck;

import java.util.Optional;

/**
 * 手机号码 of mainland China: 11 digits starting 13 to 19, optionally after +86 or 86. Spaces and
 * dashes between digits are tolerated, as people write them ({@code +86 138-0013-8000}).
 */
@Singleton
public final class MobileCheck implements IdentifierCheck {

    public static final String KIND = "mobile";

    private static final Optional<String> BAD_CHARACTERS =
            Optional.of("may hold only digits, spaces and dashes, and a + only before the country code 86");
    private static final Optional<String> WRONG_LENGTH =
            Optional.of("must be an 11-digit mainland mobile number, optionally after +86");
    private static final Optional<String> BAD_PREFIX = Optional.of("must start with 13 to 19 (after +86 if given)");

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public Optional<String> problem(String value) {
        if (value == null) {
            return WRONG_LENGTH;
        }
        boolean plus = false;
        int digits = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c >= '0' && c <= '9') {
                digits++;
            } else if (c == '+' && digits == 0 && !plus) {
                plus = true;
            } else if (c != ' ' && c != '-') {
                return BAD_CHARACTERS;
            }
        }
        boolean countryCode = digits == 13 && digitAt(value, 0) == 8 && digitAt(value, 1) == 6;
        if (plus && !countryCode) {
            return digits == 13 ? BAD_CHARACTERS : WRONG_LENGTH;
        }
        if (digits != 11 && !countryCode) {
            return WRONG_LENGTH;
        }
        int first = countryCode ? 2 : 0;
        return digitAt(value, first) == 1 && digitAt(value, first + 1) >= 3 ? Optional.empty() : BAD_PREFIX;
    }

    /** The {@code n}th digit of {@code s} (from 0), skipping all else; -1 when there are fewer. */
    private static int digitAt(String s, int n) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9' && n-- == 0) {
                return c - '0';
            }
        }
        return -1;
    }
}
