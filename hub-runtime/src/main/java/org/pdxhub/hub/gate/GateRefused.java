package org.pdxhub.hub.gate;

import org.pdxhub.hub.audit.UsageEntry;
import org.pdxhub.plugin.GatePhase;
import org.pdxhub.plugin.GateRefusal;

import java.util.List;

/**
 * A message the gate refused, after the refusal was written to the usage log. The phase tells
 * the sender's mistake (VALIDATE: 400) from a missing right (AUTHORISE: 403).
 */
public class GateRefused extends RuntimeException {

    private final GateRefusal refusal;
    private final GatePhase phase;
    private final List<Passage.Rejected> rejected;
    private final UsageEntry logEntry;

    public GateRefused(GateRefusal refusal, GatePhase phase, List<Passage.Rejected> rejected, UsageEntry logEntry) {
        super(refusal.getMessage(), null, false, false);
        this.refusal = refusal;
        this.phase = phase;
        this.rejected = List.copyOf(rejected);
        this.logEntry = logEntry;
    }

    public String rule() {
        return refusal.rule();
    }

    public String field() {
        return refusal.field();
    }

    public GatePhase phase() {
        return phase;
    }

    public List<Passage.Rejected> rejected() {
        return rejected;
    }

    public UsageEntry logEntry() {
        return logEntry;
    }

    /** 403 for a missing right; 400 for what the sender can fix (bad records, a missing Pdx-Person). */
    public int status() {
        return phase == GatePhase.AUTHORISE && !refusal.rule().startsWith("caller.") ? 403 : 400;
    }
}
