package org.pdxhub.hub.supervision;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/** A clock the test moves, at 10:00 Shanghai time of a day. */
final class TestClock extends Clock {
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    volatile Instant now;

    TestClock(LocalDate day) {
        set(day);
    }

    void set(LocalDate day) {
        now = day.atTime(10, 0).atZone(SHANGHAI).toInstant();
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
