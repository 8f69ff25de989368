package org.pdxhub.hub.supervision.quality;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;
import org.pdxhub.hub.store.Sql;
import org.pdxhub.hub.store.StoreException;

import java.time.LocalDate;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The quality counters, added up in memory on the message's thread and flushed into one row per
 * day, resource, item and measure. Figures are read from those rows: nothing rescans records.
 */
@ApplicationScoped
public class QualityCounters {

    private static final Logger LOG = Logger.getLogger(QualityCounters.class);

    /** One counter of one day. */
    record Key(LocalDate day, String resource, String provider, String field, String measure) {
    }

    /**
     * Keys seen on one day, for one resource: 64-bit digests, not the keys themselves, in an
     * open-addressed table of longs. A boxed digest in a concurrent set cost an object and a node
     * per key, about 60 bytes: a day of the 1,000,000-row CSV held some 60 MB of a 512 MB heap
     * and made two per record; this holds 16 bytes a key at most and makes none.
     */
    static final class SeenKeys {
        private static final long EMPTY = 0;

        final LocalDate day;
        private long[] slots = new long[1 << 10];
        private int size;
        private boolean emptyDigestSeen;

        SeenKeys(LocalDate day) {
            this.day = day;
        }

        /** @return false when the digest was already there */
        synchronized boolean add(long digest) {
            if (digest == EMPTY) {
                boolean first = !emptyDigestSeen;
                emptyDigestSeen = true;
                return first;
            }
            if (insert(slots, digest)) {
                if (++size > slots.length / 2) {
                    long[] larger = new long[slots.length * 2];
                    for (long d : slots) {
                        if (d != EMPTY) {
                            insert(larger, d);
                        }
                    }
                    slots = larger;
                }
                return true;
            }
            return false;
        }

        private static boolean insert(long[] table, long digest) {
            int mask = table.length - 1;
            // FNV-1a's low bits are poor on short keys that differ at the end: spread them first.
            for (int i = (int) ((digest * 0x9E3779B97F4A7C15L) >>> 32) & mask; ; i = (i + 1) & mask) {
                if (table[i] == EMPTY) {
                    table[i] = digest;
                    return true;
                }
                if (table[i] == digest) {
                    return false;
                }
            }
        }
    }

    @Inject
    Sql sql;

    private final ConcurrentHashMap<Key, Long> pending = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, SeenKeys> seen = new ConcurrentHashMap<>();

    /** Adds one batch's tally. */
    void add(LocalDate day, String resource, String provider, Tally tally) {
        tally.forEach((field, measure, n) -> pending.merge(new Key(day, resource, provider, field, measure), n, Long::sum));
    }

    /** Adds one to a single counter. */
    public void increment(LocalDate day, String resource, String provider, String field, String measure) {
        pending.merge(new Key(day, resource, provider, field, measure), 1L, Long::sum);
    }

    /**
     * True when the key was already sent for the resource on that day (on this node: a duplicate
     * sent to two nodes of a cluster is each one's first). Kept for the current day only.
     */
    public boolean seenBefore(LocalDate day, String resource, String key) {
        SeenKeys s = seen.get(resource);
        if (s == null || !s.day.equals(day)) {
            s = seen.compute(resource, (r, old) -> old == null || !old.day.equals(day) ? new SeenKeys(day) : old);
        }
        return !s.add(digest(key));
    }

    /** FNV-1a: fast, and enough to tell keys of one resource and one day apart. */
    private static long digest(String key) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < key.length(); i++) {
            h ^= key.charAt(i);
            h *= 0x100000001b3L;
        }
        return h;
    }

    /** Adds what is pending to the store. A count the store refuses stays pending for the next flush. */
    @Scheduled(every = "${pdx.quality.flush-every:60s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP, delayed = "5s")
    public synchronized void flush() {
        for (Key k : pending.keySet()) {
            Long n = pending.remove(k);
            if (n == null || n == 0) {
                continue;
            }
            try {
                write(k, n, false);
            } catch (StoreException e) {
                pending.merge(k, n, Long::sum);
                LOG.warnf("Quality counters kept in memory, the store refused them: %s", e.getMessage());
                return;
            }
        }
    }

    /** Adds {@code n} to the day's row, creating it. */
    void write(Key k, long n, boolean demo) {
        if (sql.update("update quality_daily set n = n + ? where on_day = ? and resource_code = ? and field = ? and measure = ?",
                n, k.day(), k.resource(), k.field(), k.measure()) == 0) {
            try {
                sql.update("insert into quality_daily (on_day, resource_code, provider_uscc, field, measure, n, demo) values (?,?,?,?,?,?,?)",
                        k.day(), k.resource(), k.provider(), k.field(), k.measure(), n, demo);
            } catch (StoreException raced) {
                // another node of the platform inserted the row first
                sql.update("update quality_daily set n = n + ? where on_day = ? and resource_code = ? and field = ? and measure = ?",
                        n, k.day(), k.resource(), k.field(), k.measure());
            }
        }
    }

    void onStop(@Observes ShutdownEvent ev) {
        try {
            flush();
        } catch (RuntimeException e) {
            LOG.warnf("Quality counters not flushed at shutdown: %s", e.getMessage());
        }
    }
}
