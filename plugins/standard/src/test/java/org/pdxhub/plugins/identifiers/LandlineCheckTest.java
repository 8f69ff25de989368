package org.pdxhub.plugins.identifiers;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LandlineCheckTest {

    private static final String WRONG_FORM =
            "must be an area code (0 and 2 or 3 digits), an optional dash, and a 7- or 8-digit number, e.g. 0836-2822222";

    private final LandlineCheck check = new LandlineCheck();

    @ParameterizedTest
    @ValueSource(strings = {"0836-2822222", "028-12345678", "010-87654321", "0836 2822222", "08362822222", "02812345678"})
    void acceptsAreaCodeAndNumber(String number) {
        assertTrue(check.isValid(number), number);
    }

    @ParameterizedTest
    @ValueSource(strings = {"2822222", "0836-282222", "028-123456789", "08361-2822222", "0836--2822222",
            "0836-282-2222", "0836-282222A", "083628222222222"})
    void rejectsOtherShapes(String number) {
        assertEquals(Optional.of(WRONG_FORM), check.problem(number), number);
    }

    @ParameterizedTest
    @ValueSource(strings = {"836-28222222", "00836-282222", "0036-2822222"})
    void rejectsAnAreaCodeNotStartingWithZeroAndThenAnotherDigit(String number) {
        assertEquals(Optional.of("must start with an area code: 0 then a digit other than 0 (00 is for calls abroad)"),
                check.problem(number));
    }

    @Test
    void rejectsANumberStartingWithZeroAfterTheAreaCode() {
        assertEquals(Optional.of("the number after the area code cannot start with 0"), check.problem("028-02345678"));
    }

    @Test
    void rejectsNull() {
        assertFalse(check.isValid(null));
    }
}
