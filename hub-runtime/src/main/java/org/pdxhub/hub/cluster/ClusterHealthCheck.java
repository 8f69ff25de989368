package org.pdxhub.hub.cluster;

import com.hazelcast.core.HazelcastInstance;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** This node's cluster member is running, and how many members it sees. */
@Readiness
@ApplicationScoped
public class ClusterHealthCheck implements HealthCheck {

    @Inject
    HazelcastInstance member;

    @Override
    public HealthCheckResponse call() {
        boolean running = member.getLifecycleService().isRunning();
        var response = HealthCheckResponse.named("cluster").status(running);
        if (running) {
            response.withData("name", member.getConfig().getClusterName())
                    .withData("members", member.getCluster().getMembers().size());
        }
        return response.build();
    }
}
