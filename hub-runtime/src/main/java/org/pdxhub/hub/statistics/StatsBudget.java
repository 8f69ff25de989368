package org.pdxhub.hub.statistics;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.pdxhub.hub.store.Sql;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;

/**
 * The privacy budget (隐私预算) spent per period: the public's per resource, a requester's per
 * statistics grant. Written before an answer, so a failure spends and never leaks.
 */
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

    /** Whose budget: the public's on a resource, or one statistics grant's. */
    record Account(String table, String column, String id, boolean ofGrant) {

        static Account ofResource(String code) {
            return new Account("stats_budget", "resource_code", code, false);
        }

        static Account ofGrant(String grantId) {
            return new Account("stats_grant_budget", "grant_id", grantId, true);
        }
    }

    /** Spends {@code epsilon} if the period has it left. @return the standing after, or null when it has not */
    Standing spend(Account a, double epsilon) {
        Instant start = periodStart();
        double total = total(a);
        if (sql.update("update " + a.table() + " set spent = spent + ? where " + a.column() + " = ? and period_start = ? and spent + ? <= ?",
                epsilon, a.id(), start, epsilon, total + 1e-9) == 0) {
            if (sql.count("select count(*) from " + a.table() + " where " + a.column() + " = ? and period_start = ?", a.id(), start) > 0
                    || epsilon > total) {
                return null;
            }
            try {
                sql.update("insert into " + a.table() + " (" + a.column() + ", period_start, spent) values (?, ?, ?)", a.id(), start, epsilon);
            } catch (RuntimeException raced) {
                return spend(a, epsilon);
            }
        }
        return standing(a);
    }

    Standing standing(Account a) {
        Instant start = periodStart();
        double spent = sql.one("select spent from " + a.table() + " where " + a.column() + " = ? and period_start = ?", rs -> rs.getDouble(1),
                a.id(), start).orElse(0.0);
        return new Standing(start, start.plus(config.period()), total(a), spent);
    }

    private double total(Account a) {
        return a.ofGrant() ? config.grantBudget() : config.budget();
    }

    /** Periods are counted from 1 January 2000 in the node's zone, so that every node of a platform agrees on them. */
    private Instant periodStart() {
        Instant epoch = LocalDate.of(2000, 1, 1).atStartOfDay(clock.getZone()).toInstant();
        Duration period = config.period();
        long n = Duration.between(epoch, Instant.now(clock)).toMillis() / period.toMillis();
        return epoch.plus(period.multipliedBy(n));
    }
}
