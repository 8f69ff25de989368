package org.pdxhub.hub.store;

import java.security.SecureRandom;
import java.util.UUID;

/**
 * The ids this node makes for what it stores (a message it names, a usage-log entry's message, a
 * request, a report): UUID version 7 (RFC 9562), whose first 48 bits are the time in milliseconds
 * and whose other 74 bits are random.
 * <p>
 * Why not {@link UUID#randomUUID()}: these ids are keys of indexes ({@code usage_log_message},
 * {@code landed_message}, {@code message_trail}, each request table's primary key). A random id
 * lands on a random leaf of its index, so each commit rewrites as many leaves as it added ids;
 * on H2, whose commit writes every changed page again in full, the usage log took 1.6 to 1.8
 * times as long with random ids and wrote three times the bytes ({@code bench/MessageIdOrderBench},
 * bench/README.md). Ids that follow the clock land at the index's end, a few leaves per commit.
 * <p>
 * Ids that come from elsewhere (a department's own message id) are kept as they are.
 * A public demand's id, which is all its filer needs to follow it without a key, stays wholly random ({@code Demands}).
 * The random part is from {@link SecureRandom}: an id must not be guessed, and the time it
 * shows (to the millisecond) is no more than the row it names already records.
 */
public final class TimeOrderedIds {

    private static final SecureRandom RANDOM = new SecureRandom();

    private TimeOrderedIds() {
    }

    /** A new id, in the canonical UUID text form (36 characters). */
    public static String next() {
        return of(System.currentTimeMillis(), RANDOM).toString();
    }

    /** A new id after a prefix that says what it names ({@code "CR-"}, {@code "read-"}). */
    public static String next(String prefix) {
        return prefix + next();
    }

    /** A version 7 UUID for the given time; the random bits from {@code random}. */
    static UUID of(long epochMillis, java.util.Random random) {
        long randA = random.nextInt() & 0xfffL;
        long msb = (epochMillis & 0xffff_ffff_ffffL) << 16 | 0x7000L | randA;
        long lsb = random.nextLong() & 0x3fff_ffff_ffff_ffffL | 0x8000_0000_0000_0000L;
        return new UUID(msb, lsb);
    }
}
