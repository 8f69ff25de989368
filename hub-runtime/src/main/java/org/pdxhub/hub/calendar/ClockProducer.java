package org.pdxhub.hub.calendar;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import java.time.Clock;

/**
 * The clock every deadline reads, in the calendar's zone. Normal-scoped so that a test can
 * replace it: {@code QuarkusMock.installMockForType(Clock.fixed(...), Clock.class)}.
 */
public class ClockProducer {

    @Produces
    @ApplicationScoped
    Clock clock(CalendarConfig config) {
        return Clock.system(config.zone());
    }
}
