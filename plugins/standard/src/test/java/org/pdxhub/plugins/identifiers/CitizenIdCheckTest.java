package org.pdxhub.plugins.identifiers;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CitizenIdCheckTest {

    /** The standard's own example: 1949-12-31, Chaoyang district of Beijing, check character X. */
    private static final String STANDARD_EXAMPLE = "11010519491231002X";
    private static final LocalDate TODAY = LocalDate.of(2025, 6, 1);

    private final CitizenIdCheck check = new CitizenIdCheck(clockAt(TODAY));

    private static final String WRONG_CHECK = "the check character (the 18th) does not match the first 17 digits: a digit may be mistyped";
    private static final String BAD_BIRTH_DATE = "digits 7 to 14 must be a birth date (yyyyMMdd) from 1900-01-01 to today";
    private static final String BAD_REGION = "the first two digits are not a province code of GB/T 2260";

    /** GB/T 2260 province codes, as the specification of the check lists them. */
    private static final Set<String> PROVINCES = Set.of("11", "12", "13", "14", "15", "21", "22", "23", "31", "32",
            "33", "34", "35", "36", "37", "41", "42", "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62",
            "63", "64", "65", "71", "81", "82");

    @Test
    void acceptsTheStandardsExample() {
        assertEquals(Optional.empty(), check.problem(STANDARD_EXAMPLE));
    }

    @Test
    void acceptsALowercaseXAsCheckCharacter() {
        assertTrue(check.isValid("11010519491231002x"));
    }

    @Test
    void rejectsTheStandardsExampleWithADigitForItsX() {
        assertEquals(Optional.of(WRONG_CHECK), check.problem("110105194912310021"));
    }

    @Test
    void acceptsAGanziIdWithADigitCheckCharacter() {
        assertTrue(check.isValid("513301198705120013"));
    }

    /**
     * MOD 11-2 catches every change of one character: 11 is prime and no weight is a multiple of
     * it, so a changed digit always changes the sum modulo 11. What a change breaks first decides
     * the reason: the province code, the birth date, or else the check character.
     */
    @ParameterizedTest
    @ValueSource(strings = {STANDARD_EXAMPLE, "513301198705120013", "513322199001010023"})
    void everyChangeOfOneCharacterIsRejectedWithTheReasonItBreaksFirst(String valid) {
        int variants = 0;
        for (int position = 0; position < 18; position++) {
            String replacements = position < 17 ? "0123456789" : "0123456789X";
            for (char c : replacements.toCharArray()) {
                if (c == valid.charAt(position)) {
                    continue;
                }
                String changed = valid.substring(0, position) + c + valid.substring(position + 1);
                assertEquals(Optional.of(expectedReason(changed)), check.problem(changed),
                        "changed position " + (position + 1) + " to " + c);
                variants++;
            }
        }
        assertEquals(17 * 9 + 10, variants);
    }

    private static String expectedReason(String changed) {
        if (!PROVINCES.contains(changed.substring(0, 2))) {
            return BAD_REGION;
        }
        try {
            LocalDate birth = LocalDate.parse(changed.substring(6, 14),
                    DateTimeFormatter.ofPattern("uuuuMMdd").withResolverStyle(ResolverStyle.STRICT));
            if (birth.getYear() < 1900 || birth.isAfter(TODAY)) {
                return BAD_BIRTH_DATE;
            }
        } catch (DateTimeParseException e) {
            return BAD_BIRTH_DATE;
        }
        return WRONG_CHECK;
    }

    @Test
    void rejectsFebruary29InACommonYear() {
        assertEquals(Optional.of(BAD_BIRTH_DATE), check.problem(withCheckCharacter("51330119900229001")));
    }

    @Test
    void acceptsFebruary29InALeapYear() {
        assertTrue(check.isValid(withCheckCharacter("51330120000229001")));
    }

    @Test
    void rejectsFebruary29Of1900WhichWasNoLeapYear() {
        assertEquals(Optional.of(BAD_BIRTH_DATE), check.problem(withCheckCharacter("51330119000229001")));
    }

    @Test
    void acceptsABirthDateOfTodayButNotOfTomorrow() {
        assertTrue(check.isValid(withCheckCharacter("51330120250601001")));
        assertEquals(Optional.of(BAD_BIRTH_DATE), check.problem(withCheckCharacter("51330120250602001")));
    }

    @Test
    void todayIsTodayInChinaEvenWhenItIsStillYesterdayInUtc() {
        // 2025-06-01 20:00 UTC is already 2025-06-02 04:00 in China.
        CitizenIdCheck lateEvening = new CitizenIdCheck(
                Clock.fixed(Instant.parse("2025-06-01T20:00:00Z"), CitizenIdCheck.CHINA));
        assertTrue(lateEvening.isValid(withCheckCharacter("51330120250602001")));
    }

    /** The standard's second example was born in 1880: its check character is right, its date too early. */
    @Test
    void rejectsBirthDatesBefore1900() {
        assertEquals('4', CitizenIdCheck.checkCharacter("44052418800101001"));
        assertEquals(Optional.of(BAD_BIRTH_DATE), check.problem("440524188001010014"));
    }

    @Test
    void rejectsARegionOutsideTheProvinceList() {
        assertEquals(Optional.of(BAD_REGION), check.problem(withCheckCharacter("99010519491231002")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "11010519491231002", "11010519491231002X0", "110105491231002"})
    void rejectsAnyLengthButEighteen(String value) {
        assertEquals(Optional.of("must be 18 characters: 17 digits and a check character"), check.problem(value));
    }

    @Test
    void rejectsNull() {
        assertFalse(check.isValid(null));
    }

    @Test
    void rejectsLettersAmongTheFirstSeventeen() {
        assertEquals(Optional.of("the first 17 characters must be digits"), check.problem("1101051949123100X2"));
    }

    @Test
    void rejectsACheckCharacterOtherThanADigitOrX() {
        assertEquals(Optional.of("the 18th character must be a digit or X"), check.problem("11010519491231002Y"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"110105194912310021", "99010519491231002X", "11010519491331002X", "1101051949123100X2"})
    void reasonsNeverRepeatTheNumber(String invalid) {
        String reason = check.problem(invalid).orElseThrow();
        assertFalse(reason.contains(invalid.substring(0, 6)), reason);
        assertFalse(reason.contains(invalid.substring(6, 14)), reason);
        assertFalse(reason.contains(invalid.substring(14)), reason);
    }

    @Test
    void computesTheCheckCharacterForCodeThatBuildsIds() {
        assertEquals('X', CitizenIdCheck.checkCharacter("11010519491231002"));
    }

    private static String withCheckCharacter(String first17) {
        return first17 + CitizenIdCheck.checkCharacter(first17);
    }

    private static Clock clockAt(LocalDate date) {
        ZoneId china = CitizenIdCheck.CHINA;
        return Clock.fixed(date.atTime(12, 0).atZone(china).toInstant(), china);
    }
}
