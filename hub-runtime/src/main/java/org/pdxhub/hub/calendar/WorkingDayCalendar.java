package org.pdxhub.hub.calendar;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;
import org.pdxhub.hub.node.StartupRefused;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Working days (工作日): Monday to Friday, less the official holidays, plus the make-up working
 * days (调休上班) of the configured list. Every deadline of the hub is counted here.
 * <p>
 * A year the list does not cover has only its weekends as days off. That is not silently so: the
 * covered years are logged at start-up with a warning when this year or the next is missing, and
 * the first use of each uncovered year is logged again, and every due date that falls in such a
 * year is shown as provisional ({@link ProvisionalDueDates}). An administrator adds a year's
 * notice at run time ({@link NoticeLoader}); it is kept in the store and read again at start.
 */
@ApplicationScoped
public class WorkingDayCalendar {

    private static final Logger LOG = Logger.getLogger(WorkingDayCalendar.class);

    /** Where the days of a covered year come from: the configured file or a notice loaded at run time. */
    public record YearSource(int year, String source, Instant loadedAt, String loadedBy) {
    }

    private HolidayList shipped;
    private String shippedSource;
    private volatile HolidayList holidays;
    private volatile List<CalendarNotices.Notice> notices = List.of();
    private Clock clock;
    private final Set<Integer> warnedYears = ConcurrentHashMap.newKeySet();

    @Inject
    WorkingDayCalendar(CalendarConfig config, Clock clock, CalendarNotices stored) {
        this(load(config.file()), "file " + config.file().toAbsolutePath().normalize(), clock);
        Path file = config.file().toAbsolutePath().normalize();
        use(stored.all());
        int thisYear = LocalDate.now(clock).getYear();
        String covered = holidays.years().stream().map(String::valueOf).collect(Collectors.joining(", "));
        if (holidays.covers(thisYear) && holidays.covers(thisYear + 1)) {
            LOG.infof("Working-day calendar %s covers %s", file, covered);
        } else {
            LOG.warnf("Working-day calendar %s covers only %s: in other years only weekends are days off, which is wrong"
                    + " for official holidays and make-up days; load each year's State Council notice (POST /api/v1/calendar/years/{year}, ADMIN)", file, covered);
        }
    }

    /** A calendar over a given list, for tests and tools. */
    public WorkingDayCalendar(HolidayList holidays, Clock clock) {
        this(holidays, "given list", clock);
    }

    private WorkingDayCalendar(HolidayList holidays, String source, Clock clock) {
        this.shipped = holidays;
        this.shippedSource = source;
        this.holidays = holidays;
        this.clock = clock;
    }

    /**
     * Counts with the shipped list and the given notices, each replacing the shipped days of its
     * year. A stored notice that no longer parses stops start-up: it was valid when loaded.
     */
    synchronized void use(List<CalendarNotices.Notice> loaded) {
        HolidayList merged = shipped;
        for (CalendarNotices.Notice n : loaded) {
            merged = merged.withYear(n.year(), parseNotice(n));
        }
        holidays = merged;
        notices = List.copyOf(loaded);
        loaded.forEach(n -> warnedYears.remove(n.year()));
    }

    private static HolidayList parseNotice(CalendarNotices.Notice n) {
        try {
            return HolidayList.parseYear(new StringReader(n.csv()), "stored notice for " + n.year(), n.year());
        } catch (IOException | IllegalArgumentException e) {
            throw new StartupRefused("pdx.calendar.file", e.getMessage() + ": correct or delete the row of calendar_notice");
        }
    }

    /** This calendar with one more notice, for counting before and after loading it. */
    WorkingDayCalendar with(int year, HolidayList notice) {
        return new WorkingDayCalendar(holidays.withYear(year, notice), shippedSource, clock);
    }

    /** Each covered year and where its days come from. */
    public List<YearSource> coverage() {
        List<YearSource> out = new ArrayList<>();
        List<CalendarNotices.Notice> loaded = notices;
        for (int year : holidays.years()) {
            CalendarNotices.Notice n = loaded.stream().filter(x -> x.year() == year).findFirst().orElse(null);
            out.add(n == null ? new YearSource(year, shippedSource, null, null) : new YearSource(year, n.source(), n.loadedAt(), n.loadedBy()));
        }
        return out;
    }

    /**
     * True when {@code due} was counted across a year the list does not cover: only weekends were
     * days off there, so the date will move once that year's notice is loaded.
     */
    public boolean provisional(LocalDate due) {
        int thisYear = today().getYear();
        for (int y = Math.min(thisYear, due.getYear()); y <= due.getYear(); y++) {
            if (!holidays.covers(y)) {
                return true;
            }
        }
        return false;
    }

    public static HolidayList load(Path file) {
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return HolidayList.parse(in, file.toString());
        } catch (IOException e) {
            throw new StartupRefused("pdx.calendar.file", "the holiday list " + file.toAbsolutePath().normalize()
                    + " cannot be read (" + e.getClass().getSimpleName() + "): point pdx.calendar.file at the CSV of official holidays");
        } catch (IllegalArgumentException e) {
            throw new StartupRefused("pdx.calendar.file", e.getMessage());
        }
    }

    public boolean isWorkingDay(LocalDate date) {
        HolidayList.Day listed = holidays.day(date);
        if (listed != null) {
            return listed.kind() == HolidayList.Kind.WORKDAY;
        }
        if (!holidays.covers(date.getYear()) && warnedYears.add(date.getYear())) {
            LOG.warnf("The working-day calendar does not cover %d: counting only weekends as days off in %d", date.getYear(), date.getYear());
        }
        DayOfWeek d = date.getDayOfWeek();
        return d != DayOfWeek.SATURDAY && d != DayOfWeek.SUNDAY;
    }

    /**
     * The deadline that falls {@code days} working days after {@code start}: the start day itself
     * is not counted (the day a request arrives is day zero), so a 1-working-day review of a request
     * submitted on a Friday is due the next Monday, and one submitted on a Saturday is due the
     * Monday too. Zero days gives {@code start}.
     *
     * @throws IllegalArgumentException when {@code days} is negative
     */
    public LocalDate addWorkingDays(LocalDate start, int days) {
        if (days < 0) {
            throw new IllegalArgumentException("days must be 0 or more, not " + days);
        }
        LocalDate d = start;
        for (int left = days; left > 0; ) {
            d = d.plusDays(1);
            if (isWorkingDay(d)) {
                left--;
            }
        }
        return d;
    }

    /**
     * The working days in {@code (from, to]}: after {@code from}, up to and including {@code to},
     * so that {@code workingDaysBetween(s, addWorkingDays(s, n)) == n}. Negative when {@code to}
     * is before {@code from} (a deadline already passed, in working days).
     */
    public int workingDaysBetween(LocalDate from, LocalDate to) {
        if (to.isBefore(from)) {
            return -workingDaysBetween(to, from);
        }
        int n = 0;
        for (LocalDate d = from.plusDays(1); !d.isAfter(to); d = d.plusDays(1)) {
            if (isWorkingDay(d)) {
                n++;
            }
        }
        return n;
    }

    /** The listed holiday or make-up day, or null for an ordinary day. */
    public HolidayList.Day listed(LocalDate date) {
        return holidays.day(date);
    }

    public boolean covers(LocalDate date) {
        return holidays.covers(date.getYear());
    }

    public Set<Integer> coveredYears() {
        return holidays.years();
    }

    /** The clock of every deadline, in the calendar's zone (Asia/Shanghai by default). */
    public Clock clock() {
        return clock;
    }

    public LocalDate today() {
        return LocalDate.now(clock);
    }
}
