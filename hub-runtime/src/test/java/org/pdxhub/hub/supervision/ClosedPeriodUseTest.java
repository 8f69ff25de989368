package org.pdxhub.hub.supervision;

import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.pdxhub.hub.audit.UsageDecision;
import org.pdxhub.hub.audit.UsageEntry;
import org.pdxhub.hub.audit.UsageLog;
import org.pdxhub.hub.store.Sql;
import org.pdxhub.hub.supervision.reports.Period;
import org.pdxhub.hub.supervision.reports.ReportBuilder;
import org.pdxhub.hub.supervision.reports.ReportFigures;
import org.pdxhub.hub.testing.MovableClock;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A report's reads by purpose: a month that has ended is counted from the usage log once and kept
 * (no entry can join it: the log stamps each with the node's clock as it is sealed); the month
 * under way is counted on every visit. March and April 2031, which no other test touches.
 */
@QuarkusTest
class ClosedPeriodUseTest {

    static final String PSB = "11513300MB0000002H";
    /** Each test's own purpose: the tests share the months. */
    final String purpose = "跨月统计核验-" + UUID.randomUUID().toString().substring(0, 8);

    MovableClock clock;

    @Inject
    UsageLog log;

    @Inject
    ReportBuilder builder;

    @Inject
    Sql sql;

    @BeforeEach
    void fixTheClock() {
        clock = new MovableClock(LocalDateTime.parse("2031-03-10T10:00"));
        QuarkusMock.installMockForType(clock, Clock.class);
    }

    @Test
    void aClosedMonthsReadsAreCountedOnceAndKeptWhileTheMonthUnderWayIsCountedOnEveryVisit() {
        Period march = Period.month(YearMonth.of(2031, 3));
        Period april = Period.month(YearMonth.of(2031, 4));
        shareRead();
        shareRead();
        clock.set(LocalDateTime.parse("2031-04-03T10:00"));
        shareRead();
        assertEquals(2, reads(builder.build(march, PSB)));
        assertEquals(1, sql.count("select count(*) from closed_period_use where period_code = '2031-03' and scope = ?", PSB),
                "March is counted once and kept");
        assertEquals(2, reads(builder.build(march, PSB)), "the kept count is the count");
        assertEquals(2, reads(builder.build(march, ReportBuilder.PLATFORM)), "each scope is kept on its own");

        assertEquals(1, reads(builder.build(april, PSB)));
        shareRead();
        assertEquals(2, reads(builder.build(april, PSB)), "the month under way counts the read just made");
        assertEquals(0, sql.count("select count(*) from closed_period_use where period_code = '2031-04'"), "April is not kept");
    }

    @Test
    void theLastDayOfAMonthIsNotKeptUntilADayHasPassed() {
        Period march = Period.month(YearMonth.of(2031, 3));
        clock.set(LocalDateTime.parse("2031-04-01T00:05"));
        long before = reads(builder.build(march, PSB));
        clock.set(LocalDateTime.parse("2031-03-31T23:59"));
        shareRead(); // sealed just before midnight, committed after the page was first read
        clock.set(LocalDateTime.parse("2031-04-01T00:06"));
        assertEquals(before + 1, reads(builder.build(march, PSB)), "March is still counted the day after it ended");
    }

    private long reads(ReportFigures f) {
        return f.useByPurpose().stream().filter(c -> c.name().equals(purpose)).mapToLong(ReportFigures.Count::count).sum();
    }

    private void shareRead() {
        log.append(new UsageEntry(null, 0, Instant.EPOCH, "report-reader", PSB, purpose, null, "GZ-PSB-POP-001", "SHARE", "citizen_id",
                1, 0, UsageDecision.DELIVERED, null, null, "b".repeat(64), "trace-" + UUID.randomUUID(), "msg-" + UUID.randomUUID(), null,
                null, null));
    }
}
