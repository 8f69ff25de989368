package org.pdxhub.hub.gate;

import org.pdxhub.hub.audit.UsageEntry;

import java.util.List;
import java.util.Map;

/**
 * What came out of the gate: the records that may be delivered (masked, only granted fields),
 * the rejected ones with their reasons (masked too: they go to the dead-letter address), the
 * payload as delivered (serialised once) and the usage-log entry that records it.
 */
public record Passage(List<Map<String, Object>> records, List<Rejected> rejected, byte[] payload, UsageEntry logEntry) {

    /** A record that did not pass, with where it was in the batch and why. */
    public record Rejected(int index, String field, String reason, Map<String, Object> maskedRecord) {
    }
}
