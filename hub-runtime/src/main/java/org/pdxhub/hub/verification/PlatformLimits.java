package org.pdxhub.hub.verification;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.EntryProcessor;
import com.hazelcast.map.ExtendedMapEntry;
import com.hazelcast.map.IMap;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A grant's verification rate and daily quota, counted in the platform's Hazelcast map so that a
 * caller spreading its calls over the nodes of one platform gets the limit once, not once per node.
 * <p>
 * Each step is an entry processor run by the owner of the grant's entry, one at a time per entry
 * and in one round trip: while the members see each other the limit is exact. The cluster is AP (no CP subsystem):
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
        return map.executeOnKey("rate\n" + grantId, new CallTaken(now.toEpochMilli(), MINUTE.toMillis(), perMinute));
    }

    /**
     * Adds {@code records} to the grant's count for {@code day} if the count stays within
     * {@code perDay}. @return the count before, and whether the records were taken
     */
    Taken takeRecords(String grantId, LocalDate day, int records, int perDay) {
        IMap<String, Long> map = cluster.getMap(MAP);
        return map.executeOnKey(dayKey(grantId, day), new RecordsTaken(records, perDay));
    }

    /** Gives back records taken for a call that was then refused: its records were not answered. */
    void giveBack(String grantId, LocalDate day, int records) {
        IMap<String, Long> map = cluster.getMap(MAP);
        map.executeOnKey(dayKey(grantId, day), new RecordsGivenBack(records));
    }

    private static String dayKey(String grantId, LocalDate day) {
        return "day\n" + grantId + "\n" + day;
    }

    /**
     * Run by the entry's owner, one at a time per key: the times of the grant's most recent calls,
     * enough to tell whether the next one is within the rate, kept two minutes after the last call.
     */
    record CallTaken(long at, long windowMillis, int perMinute) implements EntryProcessor<String, long[], Boolean> {
        @Override
        public Boolean process(Map.Entry<String, long[]> entry) {
            long since = at - windowMillis;
            long[] before = entry.getValue();
            long[] recent = before == null ? new long[0] : Arrays.stream(before).filter(t -> t > since).toArray();
            boolean within = recent.length < perMinute;
            long[] after = Arrays.copyOfRange(recent, Math.max(0, recent.length + 1 - Math.max(1, perMinute)), recent.length + 1);
            after[after.length - 1] = at;
            ((ExtendedMapEntry<String, long[]>) entry).setValue(after, 2, TimeUnit.MINUTES);
            return within;
        }
    }

    /** Run by the entry's owner: the day's count grows only if it stays within the quota; kept two days. */
    record RecordsTaken(int records, int perDay) implements EntryProcessor<String, Long, Taken> {
        @Override
        public Taken process(Map.Entry<String, Long> entry) {
            long used = entry.getValue() == null ? 0 : entry.getValue();
            if (used + records > perDay) {
                return new Taken(used, false);
            }
            ((ExtendedMapEntry<String, Long>) entry).setValue(used + records, 2, TimeUnit.DAYS);
            return new Taken(used, true);
        }
    }

    /** Run by the entry's owner: the day's count less what a refused call had taken, never below 0. */
    record RecordsGivenBack(int records) implements EntryProcessor<String, Long, Void> {
        @Override
        public Void process(Map.Entry<String, Long> entry) {
            if (entry.getValue() != null) {
                ((ExtendedMapEntry<String, Long>) entry).setValueWithoutChangingExpiryTime(Math.max(0, entry.getValue() - records));
            }
            return null;
        }
    }

    /** The day's count before a call, and whether the call's records fitted. */
    record Taken(long usedBefore, boolean within) implements Serializable {
    }
}
