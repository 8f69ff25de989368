package org.pdxhub.plugin;

/**
 * One step of the gate. Steps are discovered as CDI beans and run by phase, then by order.
 * A step either rejects single records ({@link RecordBatch.Entry#reject}) or refuses the
 * whole message by throwing {@link GateRefusal}.
 */
public interface GateStep {

    GatePhase phase();

    /** Lower runs first within a phase. */
    default int order() {
        return 0;
    }

    default String name() {
        return getClass().getSimpleName();
    }

    /** Processes one batch in place; called once per message, on the message's thread. */
    void process(RecordBatch batch, GateContext context);
}
