package org.pdxhub.connector;

import java.io.InputStream;
import java.util.List;
import java.util.Map;

/**
 * Hands records to the node, which passes them through the gate (validation, masking, usage
 * log, 使用日志 art. 19) before they go on; a connector has no other way in.
 */
public interface RecordSink {

    /**
     * What the gate let through. {@code sentBefore} counts the batch's records when the batch had
     * been sent before under its id and passed then (a file read again after the node stopped
     * part-way): they are not passed again, and neither accepted nor rejected by this send.
     */
    record Accepted(String messageId, int accepted, int rejected, int sentBefore) {

        public Accepted(String messageId, int accepted, int rejected) {
            this(messageId, accepted, rejected, 0);
        }
    }

    /**
     * @param person who sends, for the usage log
     * @param purpose why, for the usage log
     * @param messageId unique per batch; a resend with the same id is the same message
     * @throws SinkRefused when the gate or the node refuses the whole batch
     */
    Accepted send(String resourceCode, List<Map<String, Object>> records, String person, String purpose, String messageId);

    /**
     * As {@link #send(String, List, String, String, String)}, saying where the batch came from
     * (e.g. {@code people.csv, records 101-200}), so that a batch refused whole can be found in
     * its source without its records being kept anywhere else.
     */
    default Accepted send(String resourceCode, List<Map<String, Object>> records, String person, String purpose, String messageId,
                          String source) {
        return send(resourceCode, records, person, purpose, messageId);
    }

    /** A document the node took: its personal data treated as the node's policy says; counts by kind, no values. */
    record DocumentAccepted(String messageId, Map<String, Integer> found, long usageLogSeq) {
    }

    /**
     * A document (PDF, Word, OpenDocument...) of the resource, scanned and redacted as one posted
     * over REST, its report in the usage log.
     *
     * @param content read once, up to the node's document size limit
     * @param fileName reported, never trusted for the type
     * @throws SinkRefused with the rule ({@code document.<limit>}, a gate rule) when the document is refused
     */
    default DocumentAccepted sendDocument(String resourceCode, InputStream content, String fileName, String person, String purpose,
                                          String messageId) {
        throw new SinkRefused("document.unsupported", "this node takes no documents from connectors");
    }

    /** The whole batch was refused: by a gate rule, or because the node could not take it. */
    class SinkRefused extends RuntimeException {
        private final String rule;

        public SinkRefused(String rule, String message) {
            super(message);
            this.rule = rule;
        }

        public String rule() {
            return rule;
        }
    }
}
