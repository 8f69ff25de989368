package org.pdxhub.hub.calendar;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.nio.file.Path;
import java.time.ZoneId;

/** The working-day calendar: where its holiday list is and in which zone "today" is read. */
@ConfigMapping(prefix = "pdx.calendar")
public interface CalendarConfig {

    /**
     * The holiday and make-up working day list (放假调休), CSV with the columns
     * {@code date_from,date_to,kind,name}; kind is HOLIDAY or WORKDAY. A missing or unreadable
     * file stops start-up: deadlines computed without it would be wrong.
     */
    @WithDefault("${pdx.config-dir}/../calendar/cn-official-holidays.csv")
    Path file();

    /** The zone of the calendar's clock: a day starts at midnight there. */
    @WithDefault("Asia/Shanghai")
    ZoneId zone();
}
