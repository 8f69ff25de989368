package org.pdxhub.plugins.identifiers;

import jakarta.inject.Singleton;
import org.pdxhub.plugin.IdentifierCheck;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.Optional;

/**
 * 公民身份号码 (GB 11643-1999): six digits of region, eight of birth date, three of sequence, and
 * a check character by ISO 7064 MOD 11-2. A lowercase x is accepted as the check character.
 * <p>
 * The same check accepts the numbers built on that standard that identify people lawfully in
 * China (art. 10: 以公民身份号码为主、其他个人身份证件号码为辅): the residence permits of
 * Hong Kong, Macao and Taiwan residents (港澳台居民居住证, 2018: region 810000, 820000, 830000), and
 * the 2023 foreign permanent residence ID card (外国人永久居留身份证): a 9, two digits of the
 * province that accepted it, three of the holder's nationality (ISO 3166-1 numeric code), then
 * birth date, sequence and the same check character.
 */
@Singleton
public final class CitizenIdCheck implements IdentifierCheck {

    public static final String KIND = "citizen-id";

    /** China has kept one offset all year since 1992: "today" for a birth date is today there. */
    public static final ZoneId CHINA = ZoneOffset.ofHours(8);

    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final String CHECK_CHARACTERS = "10X98765432";
    private static final int EARLIEST_BIRTH_DATE = 1900_01_01;

    /** The first digit of a foreign permanent residence ID (2023 version). */
    private static final int PERMANENT_RESIDENCE = 9;

    /**
     * Province-level codes of GB/T 2260 (71 Taiwan, 81 Hong Kong, 82 Macao included), and 83,
     * which residence permits of Taiwan residents carry (830000) where 71 is never issued.
     */
    private static final boolean[] PROVINCES = new boolean[100];

    static {
        for (int code : new int[]{11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45,
                46, 50, 51, 52, 53, 54, 61, 62, 63, 64, 65, 71, 81, 82, 83}) {
            PROVINCES[code] = true;
        }
    }

    private static final Optional<String> WRONG_LENGTH =
            Optional.of("must be 18 characters: 17 digits and a check character");
    private static final Optional<String> NOT_DIGITS = Optional.of("the first 17 characters must be digits");
    private static final Optional<String> BAD_LAST_CHARACTER = Optional.of("the 18th character must be a digit or X");
    private static final Optional<String> BAD_REGION =
            Optional.of("the first two digits are not a province code of GB/T 2260");
    private static final Optional<String> BAD_PERMANENT_RESIDENCE =
            Optional.of("a permanent residence ID (first digit 9) has a province code of GB/T 2260 in digits 2 and 3"
                    + " and a nationality code (001 to 999) in digits 4 to 6");
    private static final Optional<String> BAD_BIRTH_DATE =
            Optional.of("digits 7 to 14 must be a birth date (yyyyMMdd) from 1900-01-01 to today");
    private static final Optional<String> WRONG_CHECK_CHARACTER =
            Optional.of("the check character (the 18th) does not match the first 17 digits: a digit may be mistyped");

    private record Today(int yyyymmdd, long fromMillis, long untilMillis) {
    }

    private final Clock clock;
    /** Refreshed when the day changes, so that the hot path reads the clock but builds no date. */
    private volatile Today today = new Today(0, Long.MAX_VALUE, Long.MIN_VALUE);

    public CitizenIdCheck() {
        this(Clock.system(CHINA));
    }

    /** @param clock decides "today" (in its zone), the latest birth date accepted */
    public CitizenIdCheck(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public Optional<String> problem(String value) {
        if (value == null || value.length() != 18) {
            return WRONG_LENGTH;
        }
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            int digit = value.charAt(i) - '0';
            if (digit < 0 || digit > 9) {
                return NOT_DIGITS;
            }
            sum += digit * WEIGHTS[i];
        }
        char last = value.charAt(17);
        if (!(last >= '0' && last <= '9' || last == 'X' || last == 'x')) {
            return BAD_LAST_CHARACTER;
        }
        if (value.charAt(0) - '0' == PERMANENT_RESIDENCE) {
            if (!PROVINCES[number(value, 1, 2)] || number(value, 1, 2) > 65 || number(value, 3, 3) == 0) {
                return BAD_PERMANENT_RESIDENCE;
            }
        } else if (!PROVINCES[number(value, 0, 2)]) {
            return BAD_REGION;
        }
        if (!isBirthDate(number(value, 6, 4), number(value, 10, 2), number(value, 12, 2))) {
            return BAD_BIRTH_DATE;
        }
        if ((last == 'x' ? 'X' : last) != CHECK_CHARACTERS.charAt(sum % 11)) {
            return WRONG_CHECK_CHARACTER;
        }
        return Optional.empty();
    }

    /**
     * The check character of an ID whose first 17 characters are {@code id}'s (any further
     * characters are ignored), for code that builds IDs.
     *
     * @throws IllegalArgumentException when there are fewer than 17 leading digits
     */
    public static char checkCharacter(CharSequence id) {
        if (id.length() < 17) {
            throw new IllegalArgumentException("a check character needs 17 digits");
        }
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            int digit = id.charAt(i) - '0';
            if (digit < 0 || digit > 9) {
                throw new IllegalArgumentException("a check character needs 17 digits");
            }
            sum += digit * WEIGHTS[i];
        }
        return CHECK_CHARACTERS.charAt(sum % 11);
    }

    private boolean isBirthDate(int year, int month, int day) {
        if (month < 1 || month > 12 || day < 1 || day > daysIn(year, month)) {
            return false;
        }
        int date = year * 10000 + month * 100 + day;
        return date >= EARLIEST_BIRTH_DATE && date <= today();
    }

    private int today() {
        long now = clock.millis();
        Today t = today;
        if (now < t.fromMillis() || now >= t.untilMillis()) {
            ZoneId zone = clock.getZone();
            LocalDate date = LocalDate.ofInstant(Instant.ofEpochMilli(now), zone);
            t = new Today(date.getYear() * 10000 + date.getMonthValue() * 100 + date.getDayOfMonth(),
                    date.atStartOfDay(zone).toInstant().toEpochMilli(),
                    date.plusDays(1).atStartOfDay(zone).toInstant().toEpochMilli());
            today = t;
        }
        return t.yyyymmdd();
    }

    private static int daysIn(int year, int month) {
        return switch (month) {
            case 2 -> (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
    }

    /** The number written by {@code length} digits from {@code from}; the caller has checked they are digits. */
    private static int number(String s, int from, int length) {
        int n = 0;
        for (int i = from; i < from + length; i++) {
            n = n * 10 + (s.charAt(i) - '0');
        }
        return n;
    }
}
