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
            "63", "64", "65", "71", "81", "82", "83");
    private static final String BAD_PERMANENT_RESIDENCE = "a permanent residence ID (first digit 9) has a province code of GB/T 2260"
            + " in digits 2 and 3 and a nationality code (001 to 999) in digits 4 to 6";

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
        if (changed.charAt(0) == '9') {
            String province = changed.substring(1, 3);
            if (!PROVINCES.contains(province) || Integer.parseInt(province) > 65 || changed.startsWith("000", 3)) {
                return BAD_PERMANENT_RESIDENCE;
            }
        } else if (!PROVINCES.contains(changed.substring(0, 2))) {
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
        assertEquals(Optional.of(BAD_REGION), check.problem(withCheckCharacter("84010519491231002")));
        assertEquals(Optional.of(BAD_REGION), check.problem(withCheckCharacter("00010519491231002")));
    }

    /**
     * Art. 10 keys persons by citizen ID "and other identity document numbers": the residence
     * permits of Hong Kong, Macao and Taiwan residents (810000, 820000, 830000, since 2018) and
     * the foreign permanent residence ID of 2023 (9, the accepting province, the ISO 3166-1
     * numeric nationality, birth date, sequence, MOD 11-2) are built on GB 11643 and pass.
     */
    @Test
    void aTaiwanResidencePermitAndAPermanentResidenceIdAreAccepted() {
        assertEquals(Optional.empty(), check.problem(withCheckCharacter("83000019900101002")), "Taiwan resident");
        assertEquals(Optional.empty(), check.problem(withCheckCharacter("81000019851224003")), "Hong Kong resident");
        assertEquals(Optional.empty(), check.problem(withCheckCharacter("82000020010707004")), "Macao resident");
        // Accepted in Sichuan (51), nationality 840 (United States).
        assertEquals(Optional.empty(), check.problem(withCheckCharacter("95184019800315001")), "permanent residence ID");
        assertTrue(check.isValid(withCheckCharacter("91139219920229002")), "Beijing, nationality 392 (Japan), born on a leap day");
    }

    @Test
    void aPermanentResidenceIdIsCheckedLikeACitizenId() {
        String valid = withCheckCharacter("95184019800315001");
        char wrong = valid.charAt(17) == '0' ? '1' : '0';
        assertEquals(Optional.of(WRONG_CHECK), check.problem(valid.substring(0, 17) + wrong));
        assertEquals(Optional.of(BAD_BIRTH_DATE), check.problem(withCheckCharacter("95184019801315001")));
        assertEquals(Optional.of(BAD_PERMANENT_RESIDENCE), check.problem(withCheckCharacter("99984019800315001")), "no province 99");
        assertEquals(Optional.of(BAD_PERMANENT_RESIDENCE), check.problem(withCheckCharacter("98384019800315001")), "83 is no accepting province");
        assertEquals(Optional.of(BAD_PERMANENT_RESIDENCE), check.problem(withCheckCharacter("95100019800315001")), "nationality 000");
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
    @ValueSource(strings = {"110105194912310021", "84010519491231002X", "11010519491331002X", "1101051949123100X2"})
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
