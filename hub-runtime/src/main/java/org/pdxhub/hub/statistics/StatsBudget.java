package org.pdxhub.hub.statistics;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.pdxhub.hub.store.Sql;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;

/** The privacy budget (隐私预算) spent per resource and period: written before an answer, so a failure spends and never leaks. */
@ApplicationScoped
public class StatsBudget {

    /** Where a resource's budget stands in the current period. */
    public record Standing(Instant periodStart, Instant periodEnd, double total, double spent) {

        public double remaining() {
            return Math.max(0, total - spent);
        }
    }

    @Inject
    Sql sql;

    @Inject
    Clock clock;

    @Inject
    StatsConfig config;

    /** Spends {@code epsilon} if the period has it left. @return the standing after, or null when it has not */
    Standing spend(String resource, double epsilon) {
        Instant start = periodStart();
        if (sql.update("update stats_budget set spent = spent + ? where resource_code = ? and period_start = ? and spent + ? <= ?",
                epsilon, resource, start, epsilon, config.budget() + 1e-9) == 0) {
            if (sql.count("select count(*) from stats_budget where resource_code = ? and period_start = ?", resource, start) > 0
                    || epsilon > config.budget()) {
                return null;
            }
            try {
                sql.update("insert into stats_budget (resource_code, period_start, spent) values (?, ?, ?)", resource, start, epsilon);
            } catch (RuntimeException raced) {
                return spend(resource, epsilon);
            }
        }
        return standing(resource);
    }

    Standing standing(String resource) {
        Instant start = periodStart();
        double spent = sql.one("select spent from stats_budget where resource_code = ? and period_start = ?", rs -> rs.getDouble(1),
                resource, start).orElse(0.0);
        return new Standing(start, start.plus(config.period()), config.budget(), spent);
    }

    /** Periods are counted from 1 January 2000 in the node's zone, so that every node of a platform agrees on them. */
    private Instant periodStart() {
        Instant epoch = LocalDate.of(2000, 1, 1).atStartOfDay(clock.getZone()).toInstant();
        Duration period = config.period();
        long n = Duration.between(epoch, Instant.now(clock)).toMillis() / period.toMillis();
        return epoch.plus(period.multipliedBy(n));
    }
}
