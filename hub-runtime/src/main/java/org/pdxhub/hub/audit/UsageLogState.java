package org.pdxhub.hub.audit;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.util.concurrent.atomic.AtomicLong;

/**
 * What the last verify found. A break stays reported until a verify from entry 1 passes: one from
 * the checkpoint starts after it and cannot clear what lies before. The first break is logged
 * once as an ERROR, with what to do, and counted in {@code pdx_usage_log_broken}.
 */
@ApplicationScoped
public class UsageLogState {

    private static final Logger LOG = Logger.getLogger(UsageLogState.class);

    @Inject
    MeterRegistry metrics;

    private final AtomicLong breaksFound = new AtomicLong();
    private volatile UsageLog.Verification last;
    private volatile UsageLog.Verification broken;

    @PostConstruct
    void register() {
        Gauge.builder("pdx_usage_log_broken", breaksFound, AtomicLong::get)
                .description("Breaks found in this node's usage-log chain since start (0 = none)")
                .register(metrics);
    }

    synchronized void record(UsageLog.Verification v) {
        last = v;
        if (!v.intact()) {
            if (broken == null) {
                breaksFound.incrementAndGet();
                LOG.errorf("The usage log of node %s is broken at entry %s: %s. Entries may have been removed or rewritten in the"
                        + " store: keep the store and the data folder as they are for investigation, compare with the parent's"
                        + " witness (GET /api/v1/usage-log/witness there), and once it is resolved run a whole verify"
                        + " (GET /api/v1/usage-log/verify?from=1)", v.node(), v.brokenAtSeq(), v.problem());
                broken = v;
            }
        } else if (broken != null && v.from() == 1) {
            LOG.infof("The usage log of node %s verified whole from entry 1 to %d: the break at entry %s is cleared",
                    v.node(), v.entries(), broken.brokenAtSeq());
            broken = null;
        }
    }

    /** The break found, while it stands. */
    public UsageLog.Verification broken() {
        return broken;
    }

    public UsageLog.Verification last() {
        return last;
    }
}
