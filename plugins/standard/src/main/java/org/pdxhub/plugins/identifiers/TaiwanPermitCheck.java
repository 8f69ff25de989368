package org.pdxhub.plugins.identifiers;

import jakarta.inject.Singleton;
import org.pdxhub.plugin.IdentifierCheck;

import java.util.Optional;

/**
 * 台湾居民来往大陆通行证 (Mainland travel permit for Taiwan residents), the card issued since 2015:
 * 8 digits, kept for life. No check character.
 */
@Singleton
public final class TaiwanPermitCheck implements IdentifierCheck {

    public static final String KIND = "permit-taiwan";

    private static final Optional<String> WRONG_LENGTH = Optional.of("must be 8 digits");
    private static final Optional<String> NOT_DIGITS = Optional.of("may hold only digits");

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public Optional<String> problem(String value) {
        if (value == null || value.length() != 8) {
            return WRONG_LENGTH;
        }
        return DocumentNumbers.digits(value, 0, 8) ? Optional.empty() : NOT_DIGITS;
    }
}
