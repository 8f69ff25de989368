package org.pdxhub.plugins.identifiers;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MobileCheckTest {

    private final MobileCheck check = new MobileCheck();

    @ParameterizedTest
    @ValueSource(strings = {"13800138000", "19912345678", "+8613800138000", "8613800138000", "+86 138 0013 8000",
            "138-0013-8000", "86-138-0013-8000"})
    void acceptsMainlandNumbersAsPeopleWriteThem(String number) {
        assertTrue(check.isValid(number), number);
    }

    @ParameterizedTest
    @ValueSource(strings = {"12800138000", "10000138000", "23800138000"})
    void rejectsNumbersNotStarting13To19(String number) {
        assertEquals(Optional.of("must start with 13 to 19 (after +86 if given)"), check.problem(number));
    }

    @ParameterizedTest
    @ValueSource(strings = {"1380013800", "138001380001", "+86 1380013800", "0086 13800138000", ""})
    void rejectsAnythingButElevenDigitsAfterTheCountryCode(String number) {
        assertEquals(Optional.of("must be an 11-digit mainland mobile number, optionally after +86"),
                check.problem(number));
    }

    @ParameterizedTest
    @ValueSource(strings = {"138 0013 800O", "(138)00138000", "138+00138000", "+85 138 0013 8000"})
    void rejectsOtherCharactersAndOtherCountryCodes(String number) {
        assertEquals(Optional.of("may hold only digits, spaces and dashes, and a + only before the country code 86"),
                check.problem(number));
    }

    @Test
    void rejectsNull() {
        assertFalse(check.isValid(null));
    }
}
