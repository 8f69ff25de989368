package org.pdxhub.plugins.identifiers;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UsccCheckTest {

    private static final String WRONG_CHECK =
            "the check character (the 18th) does not match the first 17: a character may be mistyped";
    private static final String OUTSIDE_ALPHABET =
            "may hold only digits and capital letters other than I, O, S, V and Z";

    private final UsccCheck check = new UsccCheck();

    /** Codes printed on published business licences and registers. */
    @ParameterizedTest
    @ValueSource(strings = {"91350100M000100Y43", "91110000802100433B", "91440300708461136T", "9144030071526726XG"})
    void acceptsPublishedCodes(String code) {
        assertEquals(Optional.empty(), check.problem(code));
    }

    /**
     * Worked by hand for 91350100M000100Y4 (M = 21, Y = 30): 9*1 + 1*3 + 3*9 + 5*27 + 1*26 + 21*20
     * + 1*8 + 30*30 + 4*28 = 1640; 1640 mod 31 = 28; 31 - 28 = 3.
     */
    @Test
    void computesTheCheckCharacterByTheStandardsFormula() {
        assertEquals('3', UsccCheck.checkCharacter("91350100M000100Y4"));
    }

    /** A remainder of 0 gives 31, which is written 0. */
    @Test
    void writesACheckValueOf31AsZero() {
        String first17 = "9111000080210043L"; // weighted sum 961 = 31 * 31
        assertEquals('0', UsccCheck.checkCharacter(first17));
        assertTrue(check.isValid(first17 + "0"));
    }

    /** 31 is prime and no weight is a multiple of it, so one changed character always changes the check. */
    @ParameterizedTest
    @ValueSource(strings = {"91350100M000100Y43", "91110000802100433B"})
    void everyChangeOfOneCharacterWithinTheAlphabetIsRejected(String valid) {
        int variants = 0;
        for (int position = 0; position < 18; position++) {
            for (char c : UsccCheck.ALPHABET.toCharArray()) {
                if (c == valid.charAt(position)) {
                    continue;
                }
                String changed = valid.substring(0, position) + c + valid.substring(position + 1);
                assertEquals(Optional.of(WRONG_CHECK), check.problem(changed),
                        "changed position " + (position + 1) + " to " + c);
                variants++;
            }
        }
        assertEquals(18 * 30, variants);
    }

    @ParameterizedTest
    @ValueSource(chars = {'I', 'O', 'Z', 'S', 'V'})
    void rejectsTheLettersTheAlphabetLeavesOut(char letter) {
        assertEquals(Optional.of(OUTSIDE_ALPHABET), check.problem("91350100" + letter + "000100Y43"));
        assertEquals(Optional.of(OUTSIDE_ALPHABET), check.problem("91350100M000100Y4" + letter));
    }

    @Test
    void rejectsLowercase() {
        assertEquals(Optional.of(OUTSIDE_ALPHABET), check.problem("91350100m000100y43"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "91350100M000100Y4", "91350100M000100Y433"})
    void rejectsAnyLengthButEighteen(String value) {
        assertEquals(Optional.of("must be 18 characters"), check.problem(value));
    }

    @Test
    void rejectsNull() {
        assertFalse(check.isValid(null));
    }

    @Test
    void refusesToComputeACheckCharacterFromCharactersOutsideTheAlphabet() {
        assertThrows(IllegalArgumentException.class, () -> UsccCheck.checkCharacter("91350100O000100Y4"));
    }
}
