package org.pdxhub.hub.audit;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.health.api.Wellness;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.jboss.logging.Logger;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Whether the usage log was found whole by the last verify. A wellness check: {@code /q/health}
 * shows it DOWN, but neither readiness nor liveness fails with it, so a load balancer keeps
 * sending readers and no orchestrator restarts the node in a loop over a break that a restart
 * cannot mend. A break stays reported until a full verify ({@code ?from=1}) passes: an
 * incremental one starts after the last checkpoint and cannot clear what lies before it.
 */
@Wellness
@ApplicationScoped
public class UsageLogHealthCheck implements HealthCheck {

    private static final Logger LOG = Logger.getLogger(UsageLogHealthCheck.class);

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

    /** Every verify reports here; the first break is logged once, with what to do. */
    void record(UsageLog.Verification v) {
        last = v;
        if (!v.intact()) {
            if (broken == null) {
                breaksFound.incrementAndGet();
                LOG.errorf("The usage log of node %s is broken at entry %s: %s. Entries may have been removed or rewritten in the"
                        + " store; keep the store and the data folder as they are for investigation, compare with the parent's"
                        + " witness (GET /api/v1/usage-log/witness there), and run a full verify (GET /api/v1/usage-log/verify?from=1)"
                        + " once it is resolved.", v.node(), v.brokenAtSeq(), v.problem());
                broken = v;
            }
        } else if (broken != null && v.from() == 1) {
            LOG.infof("The usage log of node %s verified whole from entry 1 to %d: the break at entry %s is cleared",
                    v.node(), v.entries(), broken.brokenAtSeq());
            broken = null;
        }
    }

    public boolean isBroken() {
        return broken != null;
    }

    @Override
    public HealthCheckResponse call() {
        var r = HealthCheckResponse.named("usage-log");
        UsageLog.Verification b = broken;
        UsageLog.Verification l = last;
        if (l != null) {
            r.withData("entries", l.entries()).withData("lastVerifiedAt", String.valueOf(l.verifiedAt()));
        }
        if (b != null) {
            return r.down().withData("brokenAtSeq", String.valueOf(b.brokenAtSeq())).withData("problem", b.problem()).build();
        }
        return r.up().build();
    }
}
