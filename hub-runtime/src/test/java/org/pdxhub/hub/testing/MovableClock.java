package org.pdxhub.hub.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;

/**
 * The clock a test installs in place of the node's ({@code QuarkusMock.installMockForType(clock,
 * Clock.class)}) and moves: to 10:00 Shanghai time of a day, to a time of day, or on by a duration.
 */
public final class MovableClock extends Clock {

    public static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    private volatile Instant now;

    /** At 10:00 Shanghai time of {@code day}. */
    public MovableClock(LocalDate day) {
        set(day);
    }

    /** At {@code at}, Shanghai time. */
    public MovableClock(LocalDateTime at) {
        set(at);
    }

    public MovableClock(Instant at) {
        set(at);
    }

    /** At the wall clock's time now, to be moved on from there. */
    public static MovableClock startingNow() {
        return new MovableClock(Instant.now());
    }

    public void set(LocalDate day) {
        set(day.atTime(10, 0));
    }

    public void set(LocalDateTime at) {
        now = at.atZone(SHANGHAI).toInstant();
    }

    public void set(Instant at) {
        now = at;
    }

    public void advance(Duration by) {
        now = now.plus(by);
    }

    @Override
    public ZoneId getZone() {
        return SHANGHAI;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return Clock.fixed(now, zone);
    }

    @Override
    public Instant instant() {
        return now;
    }
}
