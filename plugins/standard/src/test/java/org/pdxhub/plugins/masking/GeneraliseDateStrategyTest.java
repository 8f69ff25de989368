package org.pdxhub.plugins.masking;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.pdxhub.plugin.FieldMasker;
import org.pdxhub.plugins.identifiers.CitizenIdCheck;

import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pdxhub.plugins.masking.TestKeys.compile;

class GeneraliseDateStrategyTest {

    /** Ages below are counted on 2025-06-15 in China. */
    private final GeneraliseDateStrategy generalise = new GeneraliseDateStrategy(
            Clock.fixed(LocalDate.of(2025, 6, 15).atTime(9, 0).atZone(CitizenIdCheck.CHINA).toInstant(),
                    CitizenIdCheck.CHINA));

    @ParameterizedTest
    @ValueSource(strings = {"1987-05-12", "19870512", "1987-05-12T08:30:00", "1987-05-12 08:30", "513301198705120013"})
    void keepsOnlyTheYear(String date) {
        assertEquals("1987", compile(generalise, "generalise-date(year)").mask(date));
    }

    @Test
    void readsDateObjectsAndNumbersToo() {
        FieldMasker year = compile(generalise, "generalise-date(year)");
        assertEquals("1987", year.mask(LocalDate.of(1987, 5, 12)));
        assertEquals("1987", year.mask(LocalDateTime.of(1987, 5, 12, 8, 30)));
        assertEquals("1987", year.mask(19870512));
    }

    @ParameterizedTest
    @CsvSource({
            "1987-05-12, 30-39", // 38
            "1995-06-15, 30-39", // 30 today
            "1995-06-16, 20-29", // 30 tomorrow
            "2025-06-15, 0-9",
            "1925-01-01, 100-109"})
    void givesTheAgeInBandsOfTenYears(String birth, String band) {
        assertEquals(band, compile(generalise, "generalise-date(age-band,10)").mask(birth));
    }

    @Test
    void bandsAreTenYearsWideUnlessTold() {
        assertEquals("30-39", compile(generalise, "generalise-date(age-band)").mask("1987-05-12"));
        assertEquals("35-39", compile(generalise, "generalise-date(age-band,5)").mask("1987-05-12"));
    }

    @Test
    void takesTheBirthDateOfACitizenId() {
        assertEquals("30-39", compile(generalise, "generalise-date(age-band,10)").mask("513301198705120013"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"unknown", "1987-13-01", "19870230", "1987/05/12", "87-05-12", ""})
    void suppressesWhatIsNotADate(String value) {
        assertNull(compile(generalise, "generalise-date(year)").mask(value));
    }

    @Test
    void suppressesABirthDateInTheFutureRatherThanGiveANegativeAge() {
        assertNull(compile(generalise, "generalise-date(age-band,10)").mask("2025-06-16"));
    }

    @Test
    void leavesNullNull() {
        assertNull(compile(generalise, "generalise-date(year)").mask(null));
    }

    @Test
    void rejectsAnUnknownMode() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> compile(generalise, "generalise-date(month)"));
        assertEquals("generalise-date(year|age-band[,width]): 'mode' must be one of year, age-band, not 'month'",
                e.getMessage());
    }

    @Test
    void rejectsABandNarrowerThanTwoYears() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> compile(generalise, "generalise-date(age-band,0)"));
        assertTrue(e.getMessage().contains("'width' must be a whole number from 2 to 150"), e.getMessage());
    }

    @Test
    void rejectsAWidthForTheYear() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> compile(generalise, "generalise-date(year,10)"));
        assertTrue(e.getMessage().contains("'width' must be left out for year"), e.getMessage());
    }

    @Test
    void rejectsARuleWithoutMode() {
        assertThrows(IllegalArgumentException.class, () -> compile(generalise, "generalise-date"));
    }
}
