package org.pdxhub.plugins.identifiers;

import jakarta.inject.Singleton;
import org.pdxhub.plugin.IdentifierCheck;

import java.util.Optional;

/**
 * A passport number of any country, by the shape ICAO Doc 9303 gives the document number of a
 * machine-readable passport: 5 to 9 uppercase letters and digits, at least one a digit. Its MRZ
 * check digit is not part of the number, so nothing more can be checked without the MRZ.
 */
@Singleton
public final class PassportCheck implements IdentifierCheck {

    public static final String KIND = "passport";

    private static final Optional<String> WRONG_LENGTH = Optional.of("must be 5 to 9 characters (ICAO 9303 document number)");
    private static final Optional<String> BAD_CHARACTERS = Optional.of("may hold only uppercase letters A-Z and digits, without spaces");
    private static final Optional<String> NO_DIGIT = Optional.of("must hold at least one digit");

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public Optional<String> problem(String value) {
        if (value == null || value.length() < 5 || value.length() > 9) {
            return WRONG_LENGTH;
        }
        boolean digit = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c >= '0' && c <= '9') {
                digit = true;
            } else if (!DocumentNumbers.upperLetter(c)) {
                return BAD_CHARACTERS;
            }
        }
        return digit ? Optional.empty() : NO_DIGIT;
    }
}
