package org.pdxhub.connector;

import java.util.List;
import java.util.Map;

/**
 * Hands records to the node, which passes them through the gate (validation, masking, usage
 * log, 使用日志 art. 19) before they go on; a connector has no other way in.
 */
public interface RecordSink {

    /** What the gate let through. */
    record Accepted(String messageId, int accepted, int rejected) {
    }

    /**
     * @param person who sends, for the usage log
     * @param purpose why, for the usage log
     * @param messageId unique per batch; a resend with the same id is the same message
     * @throws SinkRefused when the gate or the node refuses the whole batch
     */
    Accepted send(String resourceCode, List<Map<String, Object>> records, String person, String purpose, String messageId);

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
