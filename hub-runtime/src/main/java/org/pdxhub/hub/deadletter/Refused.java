package org.pdxhub.hub.deadletter;

/**
 * Thrown by a route's step when the message in hand is the sender's mistake and would fail the
 * same way on every delivery: the node's one dead-letter channel ({@link DeadLetterChannel})
 * takes it to {@code pdx.dlq} with this refusal, and the consumption commits. Any other failure
 * rolls back and the broker tries again.
 */
public class Refused extends RuntimeException {

    private final transient Refusal refusal;

    public Refused(Refusal refusal) {
        super(refusal.rule() + ": " + refusal.reason(), null, false, false);
        this.refusal = refusal;
    }

    public Refusal refusal() {
        return refusal;
    }
}
