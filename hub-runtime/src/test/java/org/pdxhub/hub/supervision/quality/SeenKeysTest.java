package org.pdxhub.hub.supervision.quality;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The uniqueness measure's memory of keys, without a node: it needs no store. */
class SeenKeysTest {

    private static final LocalDate DAY = LocalDate.of(2026, 11, 30);

    @Test
    void everyKeyOfAMillionIsNewOnceAndADuplicateEachTimeAfter() {
        QualityCounters counters = new QualityCounters();
        int firsts = 0;
        for (int i = 0; i < 1_000_000; i++) {
            if (!counters.seenBefore(DAY, "GZ-PSB-POP-001", key(i))) {
                firsts++;
            }
        }
        assertEquals(1_000_000, firsts);
        int again = 0;
        for (int i = 0; i < 1_000_000; i += 7) {
            if (counters.seenBefore(DAY, "GZ-PSB-POP-001", key(i))) {
                again++;
            }
        }
        assertEquals((1_000_000 + 6) / 7, again);
    }

    @Test
    void aKeyIsNewAgainOnTheNextDayAndForAnotherResource() {
        QualityCounters counters = new QualityCounters();
        assertFalse(counters.seenBefore(DAY, "GZ-PSB-POP-001", key(1)));
        assertTrue(counters.seenBefore(DAY, "GZ-PSB-POP-001", key(1)));
        assertFalse(counters.seenBefore(DAY, "GZ-MR-ENT-001", key(1)));
        assertFalse(counters.seenBefore(DAY.plusDays(1), "GZ-PSB-POP-001", key(1)));
    }

    @Test
    void theDigestThatIsTheTablesEmptySlotIsStillCountedOnce() {
        QualityCounters.SeenKeys seen = new QualityCounters.SeenKeys(DAY);
        assertTrue(seen.add(0));
        assertFalse(seen.add(0));
        assertTrue(seen.add(1));
    }

    /** Citizen-ID-like keys that differ only in their last digits, the hard case for a weak hash. */
    private static String key(int i) {
        return "513300" + String.format("%012d", i);
    }
}
