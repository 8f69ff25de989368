package org.pdxhub.hub.deadletter;

/**
 * Thrown by a route's step when the message in hand is the sender's mistake and would fail the
 * same way on every delivery: the node's one dead-letter channel ({@link DeadLetterChannel})
 * takes it to {@code pdx.dlq} with this refusal, and the consumption commits. Any other failure
 * rolls back and the broker tries again.
 */
public class Refused extends RuntimeException {

    private final transient Refusal refusal;
    private final boolean alreadyWritten;

    public Refused(Refusal refusal) {
        this(refusal, false);
    }

    private Refused(Refusal refusal, boolean alreadyWritten) {
        super(refusal.rule() + ": " + refusal.reason(), null, false, false);
        this.refusal = refusal;
        this.alreadyWritten = alreadyWritten;
    }

    /**
     * A refusal whose letter is already on {@code pdx.dlq} in the one format (the gate writes its
     * own, holding the masked records, not the raw ones): the channel commits the consumption and
     * writes nothing more.
     */
    public static Refused written(Refusal refusal) {
        return new Refused(refusal, true);
    }

    public boolean alreadyWritten() {
        return alreadyWritten;
    }

    public Refusal refusal() {
        return refusal;
    }
}
