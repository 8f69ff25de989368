package org.pdxhub.hub.supervision.quality;

import java.util.HashMap;
import java.util.Map;

/**
 * One batch's quality counts by item and measure, added up before they reach the shared counters.
 * The quality step counts a dozen times per record; a map keyed by {@code field + '\0' + measure}
 * made a new string, hashed it, and boxed a number at every count. Here the item's and the
 * measure's names are the catalog's and {@link Measure}'s own strings, whose hashes are kept, and a
 * count is a {@code long} in place.
 */
final class Tally {

    /** What {@link #forEach} hands on: one counter's total in the batch. */
    interface Counter {
        void accept(String field, String measure, long n);
    }

    private final Map<String, Map<String, long[]>> byField = new HashMap<>();

    void add(String field, String measure) {
        add(field, measure, 1);
    }

    void add(String field, String measure, long n) {
        byField.computeIfAbsent(field, f -> new HashMap<>()).computeIfAbsent(measure, m -> new long[1])[0] += n;
    }

    void forEach(Counter counter) {
        byField.forEach((field, measures) -> measures.forEach((measure, n) -> counter.accept(field, measure, n[0])));
    }
}
