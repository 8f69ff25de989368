package org.pdxhub.hub.verification;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.pdxhub.hub.store.Sql;
import org.pdxhub.hub.store.TimeOrderedIds;

import java.time.Instant;

/** Verification calls per grant, counts only: what the quota, the rate and the guessing check read. */
@ApplicationScoped
public class VerificationCalls {

    /** What one call found, counted per record. */
    public record Counts(int records, int matches, int mismatches, int unknowns, int misses) {

        static final Counts NONE = new Counts(0, 0, 0, 0, 0);

        Counts plus(Counts o) {
            return new Counts(records + o.records, matches + o.matches, mismatches + o.mismatches, unknowns + o.unknowns, misses + o.misses);
        }
    }

    /** The provider's terms for one grant; null limits fall back to the node's. */
    public record Terms(Integer recordsPerDay, Integer callsPerMinute, boolean unknownDistinct) {

        static final Terms DEFAULT = new Terms(null, null, false);
    }

    @Inject
    Sql sql;

    void record(String grantId, String holder, String resource, Instant at, Counts c, String refusedRule) {
        sql.update("insert into verification_call (id, grant_id, holder_uscc, resource_code, at, records, matches, mismatches, unknowns,"
                        + " misses, refused) values (?,?,?,?,?,?,?,?,?,?,?)", TimeOrderedIds.next("VC-"), grantId, holder, resource, at,
                c.records(), c.matches(), c.mismatches(), c.unknowns(), c.misses(), refusedRule);
    }

    /** Records looked at and missed since {@code from}, refused calls included: their lookups were made. */
    Counts lookedAtSince(String grantId, Instant from) {
        return sql.one("select coalesce(sum(records), 0), coalesce(sum(matches), 0), coalesce(sum(mismatches), 0),"
                        + " coalesce(sum(unknowns), 0), coalesce(sum(misses), 0) from verification_call where grant_id = ? and at >= ?",
                rs -> new Counts(rs.getInt(1), rs.getInt(2), rs.getInt(3), rs.getInt(4), rs.getInt(5)), grantId, from).orElse(Counts.NONE);
    }

    Terms terms(String grantId) {
        return sql.one("select records_per_day, calls_per_minute, unknown_distinct from verification_terms where grant_id = ?",
                rs -> new Terms((Integer) rs.getObject(1), (Integer) rs.getObject(2), rs.getBoolean(3)), grantId).orElse(Terms.DEFAULT);
    }

    void setTerms(String grantId, Terms t, Instant at, String by) {
        if (sql.update("update verification_terms set records_per_day = ?, calls_per_minute = ?, unknown_distinct = ?, set_at = ?, set_by = ?"
                + " where grant_id = ?", t.recordsPerDay(), t.callsPerMinute(), t.unknownDistinct(), at, by, grantId) == 0) {
            sql.update("insert into verification_terms (grant_id, records_per_day, calls_per_minute, unknown_distinct, set_at, set_by)"
                    + " values (?,?,?,?,?,?)", grantId, t.recordsPerDay(), t.callsPerMinute(), t.unknownDistinct(), at, by);
        }
    }

}
