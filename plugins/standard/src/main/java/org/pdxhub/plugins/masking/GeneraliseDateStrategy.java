package org.pdxhub.plugins.masking;

import jakarta.inject.Singleton;
import org.pdxhub.plugin.FieldMasker;
import org.pdxhub.plugin.MaskingKeys;
import org.pdxhub.plugin.MaskingStrategy;
import org.pdxhub.plugins.identifiers.CitizenIdCheck;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.Period;
import java.time.temporal.TemporalAccessor;
import java.util.List;
import java.util.Objects;

/**
 * {@code generalise-date(year)} gives the year of a date ({@code 1987}); {@code
 * generalise-date(age-band[,width])} gives the age today in a band of {@code width} years
 * (default 10), e.g. {@code 30-39}. A value is read as {@code yyyy-MM-dd} (a date-time's date
 * part too), {@code yyyyMMdd}, or an 18-character citizen ID, whose birth date it holds. A value
 * that is none of these is suppressed: it cannot be generalised, so it is not passed on.
 */
@Singleton
public final class GeneraliseDateStrategy implements MaskingStrategy {

    public static final String NAME = "generalise-date";
    private static final String FORM = "generalise-date(year|age-band[,width])";

    private final Clock clock;

    public GeneraliseDateStrategy() {
        this(Clock.system(CitizenIdCheck.CHINA));
    }

    /** @param clock decides today's date (in its zone), from which ages are counted */
    public GeneraliseDateStrategy(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public FieldMasker compile(List<String> args, MaskingKeys keys) {
        RuleArgs a = RuleArgs.of(args, FORM, 1, 2);
        if (a.choice(0, "mode", "year", "age-band").equals("year")) {
            if (a.has(1)) {
                throw a.wrong("width", "left out for year (it is for age-band)", null);
            }
            return FieldMasker.of(value -> {
                LocalDate date = dateOf(value);
                return date == null ? null : String.valueOf(date.getYear());
            }, value -> value instanceof String s && s.length() == 4 && digits(s, 0, 4));
        }
        int width = a.has(1) ? (int) a.wholeNumber(1, "width", 2, 150) : 10;
        return FieldMasker.of(value -> {
            LocalDate date = dateOf(value);
            return date == null ? null : ageBand(date, LocalDate.now(clock), width);
        }, value -> value instanceof String s && isBand(s, width));
    }

    /** {@code lower-upper} with lower a multiple of {@code width} and upper lower + width - 1. */
    static boolean isBand(String s, int width) {
        int dash = s.indexOf('-');
        if (dash < 1 || dash > 3 || s.length() - dash - 1 < 1 || s.length() - dash - 1 > 3
                || !digits(s, 0, dash) || !digits(s, dash + 1, s.length())) {
            return false;
        }
        int lower = Integer.parseInt(s, 0, dash, 10);
        int upper = Integer.parseInt(s, dash + 1, s.length(), 10);
        return lower % width == 0 && upper == lower + width - 1;
    }

    private static String ageBand(LocalDate birth, LocalDate today, int width) {
        if (birth.isAfter(today)) {
            return null;
        }
        int lower = Period.between(birth, today).getYears() / width * width;
        return lower + "-" + (lower + width - 1);
    }

    /** The date {@code value} holds, or null when it holds none. */
    static LocalDate dateOf(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof TemporalAccessor temporal) {
            try {
                return LocalDate.from(temporal);
            } catch (DateTimeException e) {
                return null;
            }
        }
        String s = value.toString().trim();
        if (s.length() == 18 && digits(s, 0, 17)) {
            return date(s, 6, 10, 12);
        }
        if (s.length() == 8 && digits(s, 0, 8)) {
            return date(s, 0, 4, 6);
        }
        boolean dateAndMaybeTime = s.length() == 10 || s.length() > 10 && (s.charAt(10) == 'T' || s.charAt(10) == ' ');
        if (dateAndMaybeTime && s.charAt(4) == '-' && s.charAt(7) == '-'
                && digits(s, 0, 4) && digits(s, 5, 7) && digits(s, 8, 10)) {
            return date(s, 0, 5, 8);
        }
        return null;
    }

    private static LocalDate date(String s, int year, int month, int day) {
        try {
            return LocalDate.of(Integer.parseInt(s, year, year + 4, 10), Integer.parseInt(s, month, month + 2, 10),
                    Integer.parseInt(s, day, day + 2, 10));
        } catch (DateTimeException e) {
            return null;
        }
    }

    private static boolean digits(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }
}
