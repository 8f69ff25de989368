package org.pdxhub.plugins.identifiers;

import jakarta.inject.Singleton;
import org.pdxhub.plugin.IdentifierCheck;

import java.util.Optional;

/**
 * 中华人民共和国普通护照 numbers as issued since 2012: {@code E} and eight digits, {@code E}, a letter
 * other than I or O and seven digits (the series after E99999999), or {@code G} and eight digits
 * (the first electronic series). Official passports (diplomatic, service) are not covered; the
 * numbers carry no check character, so the check is of shape only. Letters are uppercase, as
 * printed.
 */
@Singleton
public final class ChinesePassportCheck implements IdentifierCheck {

    public static final String KIND = "passport-cn";

    private static final Optional<String> WRONG_LENGTH = Optional.of("must be 9 characters: E or G, then 8 digits (or E, a letter and 7 digits)");
    private static final Optional<String> BAD_SERIES = Optional.of("must start with E or G (uppercase), the series of ordinary passports");
    private static final Optional<String> BAD_SECOND = Optional.of("after E comes a digit or an uppercase letter other than I and O");
    private static final Optional<String> NOT_DIGITS = Optional.of("the last 7 characters must be digits");
    private static final Optional<String> NOT_DIGITS_AFTER_G = Optional.of("after G come 8 digits");

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public Optional<String> problem(String value) {
        if (value == null || value.length() != 9) {
            return WRONG_LENGTH;
        }
        char series = value.charAt(0);
        if (series != 'E' && series != 'G') {
            return BAD_SERIES;
        }
        char second = value.charAt(1);
        boolean digit = second >= '0' && second <= '9';
        boolean letter = series == 'E' && DocumentNumbers.upperLetter(second) && second != 'I' && second != 'O';
        if (!digit && !letter) {
            return series == 'G' ? NOT_DIGITS_AFTER_G : BAD_SECOND;
        }
        return DocumentNumbers.digits(value, 2, 9) ? Optional.empty() : NOT_DIGITS;
    }
}
