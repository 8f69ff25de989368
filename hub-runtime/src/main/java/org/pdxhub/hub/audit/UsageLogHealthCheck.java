package org.pdxhub.hub.audit;

import io.smallrye.health.api.Wellness;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;

/**
 * {@code usage-log}: whether the chain was found whole. A wellness check: {@code /q/health} shows it
 * DOWN, but neither readiness nor liveness fails with it, so a load balancer keeps sending readers
 * and no orchestrator restarts the node in a loop over a break that a restart cannot mend.
 */
@Wellness
@ApplicationScoped
public class UsageLogHealthCheck implements HealthCheck {

    @Inject
    UsageLogState state;

    @Override
    public HealthCheckResponse call() {
        var r = HealthCheckResponse.named("usage-log");
        UsageLog.Verification last = state.last();
        if (last != null) {
            r.withData("entries", last.entries()).withData("lastVerifiedAt", String.valueOf(last.verifiedAt()));
        }
        UsageLog.Verification broken = state.broken();
        if (broken != null) {
            return r.down().withData("brokenAtSeq", String.valueOf(broken.brokenAtSeq())).withData("problem", broken.problem()).build();
        }
        return r.up().build();
    }
}
