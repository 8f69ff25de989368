package org.pdxhub.hub.audit;

import java.time.Instant;

/**
 * One entry of the usage log (使用日志, art. 19): who used which data, when and for what.
 * It never holds raw personal data: field names, counts, and a digest of the payload as
 * delivered (already masked).
 *
 * @param masking  field → rule applied, e.g. {@code idNumber=pseudonym(sm3);phone=keep(3,4)}
 * @param prevHash hash of the entry before this one in the node's chain
 * @param hash     SHA-256 over prevHash and every other field
 * @param keyId    the key the caller authenticated with (API key id, or signing key id), beside
 *                 the person it declared; null where no key was presented (the public, a queue)
 */
public record UsageEntry(String nodeId, long seq, Instant at, String person, String organisation, String purpose,
                         String grantId, String resourceCode, String destination, String fields, int recordCount,
                         int rejectedCount, UsageDecision decision, String rule, String masking, String payloadDigest,
                         String traceId, String messageId, String detail, String prevHash, String hash, String keyId) {

    /** An entry with no key id: a reader without a key, or an entry written before key ids were logged. */
    public UsageEntry(String nodeId, long seq, Instant at, String person, String organisation, String purpose,
                      String grantId, String resourceCode, String destination, String fields, int recordCount,
                      int rejectedCount, UsageDecision decision, String rule, String masking, String payloadDigest,
                      String traceId, String messageId, String detail, String prevHash, String hash) {
        this(nodeId, seq, at, person, organisation, purpose, grantId, resourceCode, destination, fields, recordCount,
                rejectedCount, decision, rule, masking, payloadDigest, traceId, messageId, detail, prevHash, hash, null);
    }

    /** An application or request for data filed by {@code person}: nothing passed, so no grant, count or digest. */
    public static UsageEntry applied(String person, String purpose, String resource, String destination, String fields, String detail) {
        return new UsageEntry(null, 0, null, person, null, purpose, null, resource, destination, fields, 0, 0, UsageDecision.REQUESTED,
                null, null, null, null, null, detail, null, null, null);
    }

    /** The text that is hashed: every field but the hash, in a fixed order, unambiguously separated. */
    String canonical() {
        StringBuilder b = new StringBuilder(256);
        for (Object o : new Object[]{prevHash, nodeId, seq, at, person, organisation, purpose, grantId, resourceCode,
                destination, fields, recordCount, rejectedCount, decision, rule, masking, payloadDigest, traceId, messageId, detail}) {
            String s = o == null ? "" : o.toString();
            b.append(s.length()).append(':').append(s).append('|');
        }
        // Appended only when present, so that entries written before key ids were logged still verify.
        if (keyId != null) {
            b.append("key:").append(keyId.length()).append(':').append(keyId).append('|');
        }
        return b.toString();
    }
}
