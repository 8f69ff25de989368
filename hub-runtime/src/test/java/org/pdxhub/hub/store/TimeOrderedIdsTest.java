package org.pdxhub.hub.store;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TimeOrderedIdsTest {

    @Test
    void anIdIsAVersion7UuidCarryingTheMillisecondItWasMadeIn() {
        long before = System.currentTimeMillis();
        UUID id = UUID.fromString(TimeOrderedIds.next());
        long after = System.currentTimeMillis();

        assertEquals(7, id.version());
        assertEquals(2, id.variant(), "the RFC 9562 variant (binary 10)");
        long millis = id.getMostSignificantBits() >>> 16;
        assertTrue(millis >= before && millis <= after, "the id's time " + millis + " is the time it was made");
    }

    @Test
    void idsMadeLaterSortAfterAsTextSoAnIndexTakesThemAtItsEnd() {
        Random random = new Random(7);
        List<String> ids = new ArrayList<>();
        for (long ms = 1_764_633_600_000L; ms < 1_764_633_600_000L + 5_000; ms += 37) {
            ids.add(TimeOrderedIds.of(ms, random).toString());
        }
        List<String> sorted = new ArrayList<>(ids);
        sorted.sort(null);
        assertEquals(ids, sorted, "an index on the text of these ids receives them in the order they were made");
    }

    @Test
    void idsMadeInTheSameMillisecondDifferInTheirRandomBits() {
        Random random = new Random(11);
        UUID a = TimeOrderedIds.of(1_764_633_600_000L, random);
        UUID b = TimeOrderedIds.of(1_764_633_600_000L, random);
        assertEquals(a.getMostSignificantBits() >>> 16, b.getMostSignificantBits() >>> 16);
        assertNotEquals(a, b);
    }

    @Test
    void aRunOfIdsHasNoRepeatAndKeepsItsPrefix() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 100_000; i++) {
            String id = TimeOrderedIds.next("CR-");
            assertTrue(id.startsWith("CR-") && id.length() == 39, id);
            assertTrue(seen.add(id), "repeated: " + id);
        }
    }

    /**
     * As someone guessing the next id from the ones seen: two ids made one after the other, in the
     * same millisecond or not, share no more than the time and the fixed version and variant bits.
     */
    @Test
    void theIdAfterAnotherCannotBeWorkedOutFromIt() {
        UUID a = UUID.fromString(TimeOrderedIds.next());
        UUID b = UUID.fromString(TimeOrderedIds.next());
        long randomBitsA = a.getLeastSignificantBits() & 0x3fff_ffff_ffff_ffffL;
        long randomBitsB = b.getLeastSignificantBits() & 0x3fff_ffff_ffff_ffffL;
        assertNotEquals(randomBitsA, randomBitsB);
        assertTrue(Long.bitCount(randomBitsA ^ randomBitsB) > 8, "62 random bits apart by more than a counter's step");
    }
}
