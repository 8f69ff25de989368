package org.pdxhub.hub.envelope;

import java.time.Instant;

/**
 * One node's pass of a message through its gate, as the message carries it onward (header
 * {@code PdxHops}) and as lineage shows it: where, when, which usage-log entry, what was masked
 * there, who used it and why. No record values.
 *
 * @param destination the gate's destination at that node: AGGREGATION on the way up, RETURN down
 * @param usageLogSeq the entry in that node's usage-log chain
 * @param masking     the rules applied there, as the usage log writes them
 */
public record Hop(String node, String organisation, String level, String destination, Instant at, String messageId,
                  long usageLogSeq, String masking, String person, String purpose) {
}
