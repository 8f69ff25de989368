package org.pdxhub.hub.calendar;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The official holidays and make-up working days (放假调休) of the years a list covers. A line is
 * {@code date_from,date_to,kind,name}; {@code #} starts a comment; the first other line is the header.
 */
public final class HolidayList {

    /** HOLIDAY: not a working day. WORKDAY: a weekend day that is a working day (调休上班). */
    public enum Kind { HOLIDAY, WORKDAY }

    public record Day(LocalDate date, Kind kind, String name) {
    }

    /** What is wrong with one line of a list: its number, the column at fault and what to write instead. */
    public record RowError(int line, String column, String message) {

        @Override
        public String toString() {
            return "line " + line + (column == null ? "" : " (" + column + ")") + ": " + message;
        }
    }

    /** A list refused, with every line at fault, not only the first. */
    public static final class Invalid extends IllegalArgumentException {

        private final transient List<RowError> errors;

        Invalid(String source, List<RowError> errors) {
            super(source + ": " + String.join("; ", errors.stream().map(RowError::toString).toList()));
            this.errors = List.copyOf(errors);
        }

        public List<RowError> errors() {
            return errors;
        }
    }

    private static final String HEADER = "date_from,date_to,kind,name";
    private static final int MAX_ERRORS = 50;

    private final Map<LocalDate, Day> days;
    private final SortedSet<Integer> years;

    private HolidayList(Map<LocalDate, Day> days, SortedSet<Integer> years) {
        this.days = Collections.unmodifiableMap(days);
        this.years = Collections.unmodifiableSortedSet(years);
    }

    /**
     * @param source named in errors, e.g. the file's path
     * @throws Invalid naming each line and what is wrong with it
     */
    public static HolidayList parse(Reader in, String source) throws IOException {
        return parse(in, source, null);
    }

    /**
     * One year's notice (a State Council notice covers one year): every listed day must fall in
     * {@code year}, and the notice must name at least one holiday.
     *
     * @throws Invalid naming each line and what is wrong with it
     */
    public static HolidayList parseYear(Reader in, String source, int year) throws IOException {
        return parse(in, source, year);
    }

    private static HolidayList parse(Reader in, String source, Integer year) throws IOException {
        Map<LocalDate, Day> days = new HashMap<>();
        SortedSet<Integer> years = new TreeSet<>();
        List<RowError> errors = new ArrayList<>();
        BufferedReader lines = new BufferedReader(in);
        boolean header = false;
        boolean holiday = false;
        int number = 0;
        for (String line = lines.readLine(); line != null && errors.size() < MAX_ERRORS; line = lines.readLine()) {
            number++;
            String text = line.strip();
            if (number == 1 && text.startsWith("\uFEFF")) {
                text = text.substring(1).strip();
            }
            if (text.isEmpty() || text.startsWith("#")) {
                continue;
            }
            if (!header) {
                if (!text.replace(" ", "").equalsIgnoreCase(HEADER)) {
                    errors.add(new RowError(number, null, "the header must be '" + HEADER + "'"));
                    break;
                }
                header = true;
                continue;
            }
            String[] cells = text.split(",", 4);
            if (cells.length < 3) {
                errors.add(new RowError(number, null, "expected " + HEADER + ", e.g. 2027-10-01,2027-10-07,HOLIDAY,国庆节"));
                continue;
            }
            LocalDate from = date(cells[0], number, "date_from", errors);
            LocalDate to = date(cells[1], number, "date_to", errors);
            Kind kind = null;
            try {
                kind = Kind.valueOf(cells[2].strip());
            } catch (IllegalArgumentException e) {
                errors.add(new RowError(number, "kind", "kind must be HOLIDAY or WORKDAY, not '" + cells[2].strip() + "'"));
            }
            if (from == null || to == null || kind == null) {
                continue;
            }
            if (to.isBefore(from) || from.plusDays(31).isBefore(to)) {
                errors.add(new RowError(number, "date_to", "date_to must be on or after date_from, within a month"));
                continue;
            }
            if (year != null && (from.getYear() != year || to.getYear() != year)) {
                errors.add(new RowError(number, from.getYear() != year ? "date_from" : "date_to",
                        "this notice is for " + year + ": every date must fall in " + year));
                continue;
            }
            String name = cells.length > 3 ? cells[3].strip() : "";
            holiday |= kind == Kind.HOLIDAY;
            for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
                Day before = days.put(d, new Day(d, kind, name));
                if (before != null) {
                    errors.add(new RowError(number, "date_from", d + " is listed twice (also as " + before.kind() + " " + before.name() + ")"));
                    break;
                }
                years.add(d.getYear());
            }
        }
        if (!header && errors.isEmpty()) {
            errors.add(new RowError(number, null, "no header line '" + HEADER + "'"));
        }
        if (errors.isEmpty() && year != null && !holiday) {
            errors.add(new RowError(number, null, "a notice for " + year + " names at least one HOLIDAY"));
        }
        if (!errors.isEmpty()) {
            throw new Invalid(source, errors);
        }
        return new HolidayList(days, years);
    }

    private static LocalDate date(String cell, int line, String column, List<RowError> errors) {
        try {
            return LocalDate.parse(cell.strip());
        } catch (DateTimeException e) {
            errors.add(new RowError(line, column, column + " is written yyyy-mm-dd, not '" + cell.strip() + "'"));
            return null;
        }
    }

    /**
     * This list with {@code year} taken from {@code notice}: the days this list had in that year
     * are dropped, so a corrected notice replaces the earlier one instead of adding to it.
     */
    public HolidayList withYear(int year, HolidayList notice) {
        Map<LocalDate, Day> merged = new HashMap<>();
        days.forEach((date, day) -> {
            if (date.getYear() != year) {
                merged.put(date, day);
            }
        });
        notice.days.forEach((date, day) -> {
            if (date.getYear() == year) {
                merged.put(date, day);
            }
        });
        SortedSet<Integer> covered = new TreeSet<>(years);
        covered.add(year);
        return new HolidayList(merged, covered);
    }

    /** The listed day, if the list names it. */
    public Day day(LocalDate date) {
        return days.get(date);
    }

    /** The years with at least one listed day: the only years whose working days are known. */
    public SortedSet<Integer> years() {
        return years;
    }

    public boolean covers(int year) {
        return years.contains(year);
    }
}
