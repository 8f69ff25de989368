package org.pdxhub.hub.calendar;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Collections;
import java.util.HashMap;
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

    private static final String HEADER = "date_from,date_to,kind,name";

    private final Map<LocalDate, Day> days;
    private final SortedSet<Integer> years;

    private HolidayList(Map<LocalDate, Day> days, SortedSet<Integer> years) {
        this.days = Collections.unmodifiableMap(days);
        this.years = Collections.unmodifiableSortedSet(years);
    }

    /**
     * @param source named in errors, e.g. the file's path
     * @throws IllegalArgumentException naming the line and what is wrong with it
     */
    public static HolidayList parse(Reader in, String source) throws IOException {
        Map<LocalDate, Day> days = new HashMap<>();
        SortedSet<Integer> years = new TreeSet<>();
        BufferedReader lines = new BufferedReader(in);
        boolean header = false;
        int number = 0;
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
            number++;
            String text = line.strip();
            if (text.isEmpty() || text.startsWith("#")) {
                continue;
            }
            if (!header) {
                if (!text.replace(" ", "").equalsIgnoreCase(HEADER)) {
                    throw new IllegalArgumentException(source + " line " + number + ": the header must be '" + HEADER + "'");
                }
                header = true;
                continue;
            }
            String[] cells = text.split(",", 4);
            if (cells.length < 3) {
                throw new IllegalArgumentException(source + " line " + number + ": expected " + HEADER);
            }
            LocalDate from;
            LocalDate to;
            Kind kind;
            try {
                from = LocalDate.parse(cells[0].strip());
                to = LocalDate.parse(cells[1].strip());
            } catch (DateTimeException e) {
                throw new IllegalArgumentException(source + " line " + number + ": dates are written yyyy-mm-dd");
            }
            try {
                kind = Kind.valueOf(cells[2].strip());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(source + " line " + number + ": kind must be HOLIDAY or WORKDAY, not '" + cells[2].strip() + "'");
            }
            if (to.isBefore(from) || from.plusDays(31).isBefore(to)) {
                throw new IllegalArgumentException(source + " line " + number + ": date_to must be on or after date_from, within a month");
            }
            String name = cells.length > 3 ? cells[3].strip() : "";
            for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
                Day before = days.put(d, new Day(d, kind, name));
                if (before != null) {
                    throw new IllegalArgumentException(source + " line " + number + ": " + d + " is listed twice");
                }
                years.add(d.getYear());
            }
        }
        if (!header) {
            throw new IllegalArgumentException(source + ": no header line '" + HEADER + "'");
        }
        return new HolidayList(days, years);
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
