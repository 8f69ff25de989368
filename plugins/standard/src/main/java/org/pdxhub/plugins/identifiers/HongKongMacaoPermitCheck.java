package org.pdxhub.plugins.identifiers;

import jakarta.inject.Singleton;
import org.pdxhub.plugin.IdentifierCheck;

import java.util.Optional;

/**
 * 港澳居民来往内地通行证 (Mainland travel permit for Hong Kong and Macao residents): H (Hong Kong) or
 * M (Macao), then 8 digits (the card issued since 2013, number kept for life), or 10 digits (the
 * earlier booklet: the 8 digits and two of issue count). No check character.
 */
@Singleton
public final class HongKongMacaoPermitCheck implements IdentifierCheck {

    public static final String KIND = "permit-hk-macao";

    private static final Optional<String> WRONG_LENGTH = Optional.of("must be H or M, then 8 digits (or 10 for the earlier booklet)");
    private static final Optional<String> BAD_PREFIX = Optional.of("must start with H (Hong Kong) or M (Macao), uppercase");
    private static final Optional<String> NOT_DIGITS = Optional.of("after H or M come only digits");

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public Optional<String> problem(String value) {
        if (value == null || value.length() != 9 && value.length() != 11) {
            return WRONG_LENGTH;
        }
        char region = value.charAt(0);
        if (region != 'H' && region != 'M') {
            return BAD_PREFIX;
        }
        return DocumentNumbers.digits(value, 1, value.length()) ? Optional.empty() : NOT_DIGITS;
    }
}
