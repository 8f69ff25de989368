package org.pdxhub.plugins.identifiers;

import jakarta.inject.Singleton;
import org.pdxhub.plugin.IdentifierCheck;

import java.util.Optional;

/** 银行卡号: 12 to 19 digits whose last is a Luhn (ISO/IEC 7812) check digit. */
@Singleton
public final class BankCardCheck implements IdentifierCheck {

    public static final String KIND = "bank-card";

    private static final Optional<String> WRONG_LENGTH = Optional.of("must be 12 to 19 digits");
    private static final Optional<String> NOT_DIGITS = Optional.of("may hold only digits, without spaces");
    private static final Optional<String> FAILS_LUHN =
            Optional.of("the last digit does not match the others (Luhn check): a digit may be mistyped");

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public Optional<String> problem(String value) {
        if (value == null || value.length() < 12 || value.length() > 19) {
            return WRONG_LENGTH;
        }
        int sum = 0;
        boolean doubled = false;
        for (int i = value.length() - 1; i >= 0; i--) {
            int digit = value.charAt(i) - '0';
            if (digit < 0 || digit > 9) {
                return NOT_DIGITS;
            }
            if (doubled) {
                digit *= 2;
                if (digit > 9) {
                    digit -= 9;
                }
            }
            sum += digit;
            doubled = !doubled;
        }
        return sum % 10 == 0 ? Optional.empty() : FAILS_LUHN;
    }
}
