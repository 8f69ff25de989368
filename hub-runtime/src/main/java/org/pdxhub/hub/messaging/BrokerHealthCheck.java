package org.pdxhub.hub.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** The broker is active, has room on its disk, and a client can connect to it. */
@Readiness
@ApplicationScoped
public class BrokerHealthCheck implements HealthCheck {

    @Inject
    EmbeddedBroker broker;

    @Inject
    ConnectionFactory connectionFactory;

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named("broker").withData("embedded", broker.isEmbedded());
        if (broker.isEmbedded()) {
            var server = broker.server();
            // A broker past its disk limit is running but takes no message: not ready for senders.
            boolean diskFull = server.getPagingManager() != null && server.getPagingManager().isDiskFull();
            return response.status(server.isActive() && !diskFull)
                    .withData("diskFull", diskFull)
                    .withData("addresses", server.getPostOffice().getAddresses().size())
                    .build();
        }
        try (Connection c = connectionFactory.createConnection()) {
            return response.up().build();
        } catch (Exception e) {
            return response.down().withData("error", e.getMessage()).build();
        }
    }
}
