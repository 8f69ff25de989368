package org.pdxhub.hub.returns;

import java.time.Instant;
import java.util.List;

/**
 * A lower level's request for its data back (返还申请, art. 20), as filed at the node that holds
 * the data, and what became of it.
 *
 * @param keys            the records asked for by key (stored keys or raw identifiers), or empty
 * @param providedBy      or every record this organisation provided
 * @param returnMessageId the return that carried the records, once returned
 */
public record ReturnRequest(String id, String resource, String requester, String person, String purpose, List<String> keys,
                            String providedBy, ReturnStatus status, String reason, String decidedBy, String returnMessageId,
                            int recordCount, Instant createdAt, Instant updatedAt) {

    /** What a requester sends. */
    public record Ask(String resource, List<String> keys, String providedBy, String purpose, String person) {
    }

    /** The agency's answer to a request it decides. */
    public record Answer(Decision decision, String reason) {
    }

    public enum Decision { APPROVE, REJECT }
}
