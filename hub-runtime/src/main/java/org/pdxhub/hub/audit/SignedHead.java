package org.pdxhub.hub.audit;

import java.time.Instant;

/**
 * The head of a node's chain as the node signed it: entry {@code seq} with {@code hash} was the
 * newest at {@code at}. Kept in the data folder and sent to the parent, so that removing entries
 * from the end of the chain and moving {@code usage_log_head} back is still found.
 *
 * @param sealId the seal whose key made {@code mac} ({@code hmac-sha256:<key id>})
 * @param mac    over {@link #text()} under the usage-log key
 */
public record SignedHead(String nodeId, long seq, String hash, Instant at, String sealId, String mac) {

    /** What the MAC covers: every field but the MAC, unambiguously separated. */
    String text() {
        return "usage-log-head|" + nodeId.length() + ":" + nodeId + "|" + seq + "|" + hash + "|" + at;
    }

    static SignedHead sign(Seal seal, String nodeId, long seq, String hash, Instant at) {
        SignedHead unsigned = new SignedHead(nodeId, seq, hash, at, seal.id(), null);
        return new SignedHead(nodeId, seq, hash, at, seal.id(), seal.seal(unsigned.text()));
    }
}
