package org.pdxhub.hub.supervision.reports;

import org.pdxhub.hub.api.ProblemException;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A reporting period: a month ({@code 2026-10}) or a quarter ({@code 2026-Q4}).
 *
 * @param code as written in the API and the store
 */
public record Period(String code, Kind kind, LocalDate from, LocalDate to) {

    /** 月报 or 季报 (art. 42). */
    public enum Kind { MONTHLY, QUARTERLY }

    private static final Pattern MONTH = Pattern.compile("(\\d{4})-(\\d{2})");
    private static final Pattern QUARTER = Pattern.compile("(\\d{4})-Q([1-4])");

    public static Period parse(String text, String field) {
        String t = text == null ? "" : text.strip();
        Matcher m = MONTH.matcher(t);
        if (m.matches() && Integer.parseInt(m.group(2)) >= 1 && Integer.parseInt(m.group(2)) <= 12) {
            return month(YearMonth.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))));
        }
        Matcher q = QUARTER.matcher(t);
        if (q.matches()) {
            return quarter(Integer.parseInt(q.group(1)), Integer.parseInt(q.group(2)));
        }
        throw ProblemException.badRequest("invalid-period", field, field + " '" + t + "' is neither a month (2026-10) nor a quarter (2026-Q4)");
    }

    public static Period month(YearMonth m) {
        return new Period(m.toString(), Kind.MONTHLY, m.atDay(1), m.atEndOfMonth());
    }

    public static Period quarter(int year, int q) {
        YearMonth first = YearMonth.of(year, 3 * q - 2);
        return new Period(year + "-Q" + q, Kind.QUARTERLY, first.atDay(1), first.plusMonths(2).atEndOfMonth());
    }

    /** The period of the same kind just before. */
    public Period previous() {
        return kind == Kind.MONTHLY ? month(YearMonth.from(from).minusMonths(1))
                : quarter(from.minusMonths(3).getYear(), (from.minusMonths(3).getMonthValue() - 1) / 3 + 1);
    }

    /** 2026年10月 or 2026年第4季度, for the files. */
    public String title() {
        return kind == Kind.MONTHLY ? from.getYear() + "年" + from.getMonthValue() + "月"
                : from.getYear() + "年第" + ((from.getMonthValue() - 1) / 3 + 1) + "季度";
    }
}
