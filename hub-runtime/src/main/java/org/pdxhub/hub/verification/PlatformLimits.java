package org.pdxhub.hub.verification;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/**
 * A grant's verification rate and daily quota, counted in the platform's Hazelcast map so that a
 * caller spreading its calls over the nodes of one platform gets the limit once, not once per node.
 * <p>
 * Each step is a compare-and-set on one map entry, which its partition's owner applies one at a
 * time: while the members see each other the limit is exact. The cluster is AP (no CP subsystem):
 * if the members lose each other, each side counts on its own until they merge (then the larger
 * count is kept), so during a split a caller may get up to the limit once per side. A member that
 * fails loses nothing, its partitions' backups taking over.
 */
@ApplicationScoped
public class PlatformLimits {

    static final String MAP = "pdx.verify.limits";
    private static final Duration MINUTE = Duration.ofMinutes(1);

    @Inject
    HazelcastInstance cluster;

    /** For a test's second member of the platform: the limits as that member counts them. */
    static PlatformLimits on(HazelcastInstance member) {
        PlatformLimits limits = new PlatformLimits();
        limits.cluster = member;
        return limits;
    }

    /**
     * Counts one call of the grant and says whether it was within {@code perMinute} over the minute
     * before {@code now}. A refused call is counted too, so a caller that hammers stays refused.
     */
    boolean takeCall(String grantId, Instant now, int perMinute) {
        IMap<String, long[]> map = cluster.getMap(MAP);
        String key = "rate\n" + grantId;
        long at = now.toEpochMilli();
        long since = now.minus(MINUTE).toEpochMilli();
        while (true) {
            long[] before = map.get(key);
            long[] recent = before == null ? new long[0] : Arrays.stream(before).filter(t -> t > since).toArray();
            boolean within = recent.length < perMinute;
            // The most recent calls only: enough to tell whether the next one is within the rate.
            long[] after = Arrays.copyOfRange(recent, Math.max(0, recent.length + 1 - Math.max(1, perMinute)), recent.length + 1);
            after[after.length - 1] = at;
            boolean stored = before == null ? map.putIfAbsent(key, after, 2, TimeUnit.MINUTES) == null : map.replace(key, before, after);
            if (stored) {
                map.setTtl(key, 2, TimeUnit.MINUTES);
                return within;
            }
        }
    }

    /**
     * Adds {@code records} to the grant's count for {@code day} if the count stays within
     * {@code perDay}. @return the count before, and whether the records were taken
     */
    Taken takeRecords(String grantId, LocalDate day, int records, int perDay) {
        IMap<String, Long> map = cluster.getMap(MAP);
        String key = "day\n" + grantId + "\n" + day;
        while (true) {
            Long before = map.get(key);
            long used = before == null ? 0 : before;
            if (used + records > perDay) {
                return new Taken(used, false);
            }
            boolean stored = before == null ? map.putIfAbsent(key, (long) records, 2, TimeUnit.DAYS) == null
                    : map.replace(key, before, used + records);
            if (stored) {
                map.setTtl(key, 2, TimeUnit.DAYS);
                return new Taken(used, true);
            }
        }
    }

    /** Gives back records taken for a call that was then refused: its records were not answered. */
    void giveBack(String grantId, LocalDate day, int records) {
        IMap<String, Long> map = cluster.getMap(MAP);
        String key = "day\n" + grantId + "\n" + day;
        while (true) {
            Long before = map.get(key);
            if (before == null || map.replace(key, before, Math.max(0, before - records))) {
                return;
            }
        }
    }

    /** The day's count before a call, and whether the call's records fitted. */
    record Taken(long usedBefore, boolean within) {
    }
}
