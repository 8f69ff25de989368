package org.pdxhub.plugins.identifiers;

import jakarta.inject.Singleton;
import org.pdxhub.plugin.IdentifierCheck;

import java.util.Optional;

/**
 * 固定电话 with its area code: 0 and 2 or 3 digits, an optional dash (or space), and a 7- or 8-digit
 * number, e.g. {@code 0836-2822222}, {@code 028-12345678}, {@code 02812345678}.
 */
@Singleton
public final class LandlineCheck implements IdentifierCheck {

    public static final String KIND = "phone";

    private static final Optional<String> WRONG_FORM = Optional.of(
            "must be an area code (0 and 2 or 3 digits), an optional dash, and a 7- or 8-digit number, e.g. 0836-2822222");
    private static final Optional<String> BAD_AREA_CODE =
            Optional.of("must start with an area code: 0 then a digit other than 0 (00 is for calls abroad)");
    private static final Optional<String> BAD_NUMBER = Optional.of("the number after the area code cannot start with 0");

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public Optional<String> problem(String value) {
        if (value == null || value.length() < 10 || value.length() > 13) {
            return WRONG_FORM;
        }
        int separator = -1;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '-' || c == ' ') {
                if (separator >= 0) {
                    return WRONG_FORM;
                }
                separator = i;
            } else if (c < '0' || c > '9') {
                return WRONG_FORM;
            }
        }
        if (value.charAt(0) != '0' || value.charAt(1) == '0') {
            return BAD_AREA_CODE;
        }
        if (separator < 0) {
            // Without a separator the split is ambiguous (0836 2822222 or 083 62822222); the length decides.
            return value.length() <= 12 ? Optional.empty() : WRONG_FORM;
        }
        int areaCode = separator;
        int number = value.length() - separator - 1;
        if (areaCode < 3 || areaCode > 4 || number < 7 || number > 8) {
            return WRONG_FORM;
        }
        return value.charAt(separator + 1) == '0' ? BAD_NUMBER : Optional.empty();
    }
}
