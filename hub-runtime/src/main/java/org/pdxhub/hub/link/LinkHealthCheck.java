package org.pdxhub.hub.link;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * The latest refusal on each link, with its reason. A refusal is an answer of the other node, not
 * a failure of this one: the check stays up and says what was refused.
 */
@Readiness
@ApplicationScoped
public class LinkHealthCheck implements HealthCheck {

    @Inject
    LinkRefusals refusals;

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named("links").up();
        refusals.latest().forEach((link, r) -> response.withData(link + ".refused",
                r.at() + " " + r.messageId() + ": " + r.status() + " " + r.rule() + ": " + r.reason()));
        return response.build();
    }
}
