package org.pdxhub.hub.supervision.quality;

import org.pdxhub.hub.catalog.UpdateCycle;

import java.time.LocalDate;
import java.util.Map;

/**
 * The quality of one resource over a period (数据质量), from the daily counters. A rate is null
 * where nothing was there to measure.
 *
 * @param conformity   accepted / sent
 * @param completeness filled required items / required items; all declared items when none is required
 * @param accuracy     checks passed / checks run (identifier check characters, ranges, enumerations,
 *                     dates not in the future, cross-field agreement)
 * @param uniqueness   1 - duplicate keys / accepted
 * @param late         not updated within its update cycle (DAILY: 3 working days), as of {@code to}
 * @param availability share and open reads answered / reads asked, outages counted against
 * @param score        the mean of the rates there are, 0 to 100
 */
public record ResourceQuality(String resource, String name, String provider, LocalDate from, LocalDate to,
                              long sent, long accepted, long refused, Double conformity,
                              Map<String, Long> refusedByRule, Map<String, Long> refusedByField,
                              long requiredItems, long requiredFilled, long items, long itemsFilled, Double completeness,
                              long checks, long checkFailures, Map<String, Long> failuresByRule, long flagged, Double accuracy,
                              long duplicates, Double uniqueness,
                              UpdateCycle updateCycle, LocalDate lastUpdate, Integer workingDaysSinceUpdate, boolean late,
                              long readsAnswered, long readsFailed, Double availability, long openDownloads,
                              Double score, boolean demo) {
}
