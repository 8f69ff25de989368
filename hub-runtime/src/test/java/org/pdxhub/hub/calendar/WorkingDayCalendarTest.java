package org.pdxhub.hub.calendar;

import org.junit.jupiter.api.Test;
import org.pdxhub.hub.node.StartupRefused;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The working-day calendar over the shipped list of official holidays (config/calendar). */
class WorkingDayCalendarTest {

    static final Path SHIPPED = Path.of("../config/calendar/cn-official-holidays.csv");

    final WorkingDayCalendar calendar = new WorkingDayCalendar(WorkingDayCalendar.load(SHIPPED),
            Clock.system(ZoneId.of("Asia/Shanghai")));

    static LocalDate d(String text) {
        return LocalDate.parse(text);
    }

    @Test
    void oneWorkingDayAfterTheEveOfNationalDayIsOctoberEighth() {
        assertEquals(d("2026-10-08"), calendar.addWorkingDays(d("2026-09-30"), 1));
    }

    @Test
    void makeUpWeekendDaysAreWorkingDays() {
        assertTrue(calendar.isWorkingDay(d("2026-10-10")), "Saturday 2026-10-10 is a make-up working day");
        assertTrue(calendar.isWorkingDay(d("2026-09-20")), "Sunday 2026-09-20 is a make-up working day");
        assertFalse(calendar.isWorkingDay(d("2026-10-11")), "Sunday 2026-10-11 is an ordinary Sunday");
    }

    @Test
    void holidaysOnWeekdaysAreNotWorkingDays() {
        assertFalse(calendar.isWorkingDay(d("2026-10-05")), "Monday of the National Day week");
        assertFalse(calendar.isWorkingDay(d("2026-09-25")), "Friday, Mid-Autumn Festival");
        assertTrue(calendar.isWorkingDay(d("2026-09-24")), "an ordinary Thursday");
    }

    @Test
    void aOneDayReviewOfAFridayRequestIsDueOnMonday() {
        assertEquals(d("2026-11-30"), calendar.addWorkingDays(d("2026-11-27"), 1));
    }

    @Test
    void countingStartsAfterTheStartDayEvenOnAWeekend() {
        assertEquals(d("2026-11-30"), calendar.addWorkingDays(d("2026-11-28"), 1));
        assertEquals(d("2026-11-28"), calendar.addWorkingDays(d("2026-11-28"), 0));
    }

    @Test
    void aMakeUpSaturdayIsCountedAsTheNextWorkingDay() {
        // Friday before the Spring Festival: the Saturday after it is a make-up working day.
        assertEquals(d("2026-02-14"), calendar.addWorkingDays(d("2026-02-13"), 1));
        assertEquals(d("2026-02-24"), calendar.addWorkingDays(d("2026-02-14"), 1));
    }

    @Test
    void fifteenWorkingDaysAcrossMidAutumnAndNationalDay() {
        assertEquals(d("2026-10-19"), calendar.addWorkingDays(d("2026-09-21"), 15));
    }

    @Test
    void workingDaysBetweenUndoesAddWorkingDays() {
        for (LocalDate start = d("2025-12-20"); start.isBefore(d("2026-12-31")); start = start.plusDays(3)) {
            for (int n = 0; n <= 20; n += 4) {
                assertEquals(n, calendar.workingDaysBetween(start, calendar.addWorkingDays(start, n)), start + " + " + n);
            }
        }
    }

    @Test
    void workingDaysBetweenIsNegativeForADatePassed() {
        assertEquals(-1, calendar.workingDaysBetween(d("2026-10-08"), d("2026-09-30")));
        assertEquals(0, calendar.workingDaysBetween(d("2026-10-01"), d("2026-10-07")));
    }

    @Test
    void negativeDaysAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> calendar.addWorkingDays(d("2026-01-05"), -1));
    }

    @Test
    void yearsOutsideTheListAreKnownAsNotCovered() {
        assertEquals(java.util.Set.of(2025, 2026), calendar.coveredYears());
        assertFalse(calendar.covers(d("2027-10-01")));
        // Without the 2027 notice only weekends are days off; callers can see the year is not covered.
        assertTrue(calendar.isWorkingDay(d("2027-10-01")));
    }

    @Test
    void aListWithAnUnknownKindIsRefusedNamingTheLine() {
        var e = assertThrows(IllegalArgumentException.class, () -> parse("""
                # comment
                date_from,date_to,kind,name
                2026-10-01,2026-10-07,HOLIDAY,国庆节
                2026-10-10,2026-10-10,WORKING,调休
                """));
        assertTrue(e.getMessage().contains("line 4"), e.getMessage());
    }

    @Test
    void aDayListedTwiceIsRefused() {
        var e = assertThrows(IllegalArgumentException.class, () -> parse("""
                date_from,date_to,kind,name
                2026-10-01,2026-10-07,HOLIDAY,国庆节
                2026-10-07,2026-10-07,WORKDAY,调休
                """));
        assertTrue(e.getMessage().contains("2026-10-07 is listed twice"), e.getMessage());
    }

    @Test
    void anUnreadableFileStopsStartUpNamingTheKey() {
        var e = assertThrows(StartupRefused.class, () -> WorkingDayCalendar.load(Path.of("no-such-calendar.csv")));
        assertEquals("pdx.calendar.file", e.key());
    }

    private static HolidayList parse(String text) throws IOException {
        return HolidayList.parse(new StringReader(text), "test.csv");
    }
}
