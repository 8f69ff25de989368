package org.pdxhub.plugins.identifiers;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BankCardCheckTest {

    private static final String FAILS_LUHN =
            "the last digit does not match the others (Luhn check): a digit may be mistyped";

    private final BankCardCheck check = new BankCardCheck();

    /** Test numbers the card schemes publish (Visa, Mastercard, Amex, Visa 13-digit). */
    @ParameterizedTest
    @ValueSource(strings = {"4111111111111111", "5500005555555559", "378282246310005", "4222222222222"})
    void acceptsPublishedTestCardNumbers(String number) {
        assertEquals(Optional.empty(), check.problem(number));
    }

    @Test
    void rejectsATestCardNumberWithItsLastDigitChanged() {
        assertEquals(Optional.of(FAILS_LUHN), check.problem("4111111111111112"));
    }

    /** Doubling maps the digits 0-9 onto 0-9 one to one, so a changed digit always changes the sum. */
    @Test
    void everyChangeOfOneDigitIsRejected() {
        String valid = "6225880137706660"; // a UnionPay-style number (62), made valid
        assertTrue(check.isValid(valid));
        for (int position = 0; position < valid.length(); position++) {
            for (char c = '0'; c <= '9'; c++) {
                if (c != valid.charAt(position)) {
                    String changed = valid.substring(0, position) + c + valid.substring(position + 1);
                    assertEquals(Optional.of(FAILS_LUHN), check.problem(changed), "changed position " + (position + 1));
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "41111111111", "41111111111111111111"})
    void rejectsFewerThan12OrMoreThan19Digits(String number) {
        assertEquals(Optional.of("must be 12 to 19 digits"), check.problem(number));
    }

    @Test
    void rejectsSpacesAndLetters() {
        assertEquals(Optional.of("may hold only digits, without spaces"), check.problem("4111 1111 1111 1111"));
        assertEquals(Optional.of("may hold only digits, without spaces"), check.problem("411111111111111A"));
    }

    @Test
    void rejectsNull() {
        assertFalse(check.isValid(null));
    }
}
