package org.pdxhub.hub.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.pdxhub.hub.node.HubConfig;

/** The broker is active, has room on its disk, and a client can connect to it. */
@Readiness
@ApplicationScoped
public class BrokerHealthCheck implements HealthCheck {

    @Inject
    EmbeddedBroker broker;

    @Inject
    HubConfig config;

    private volatile ExternalBrokerProbe external;

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named("broker").withData("embedded", broker.isEmbedded());
        EmbeddedBroker.Intake intake = broker.intake();
        if (intake != EmbeddedBroker.Intake.EXTERNAL) {
            // A broker past its disk limit is running but takes no message: not ready for senders.
            return response.status(intake == EmbeddedBroker.Intake.TAKES)
                    .withData("diskFull", intake == EmbeddedBroker.Intake.DISK_FULL)
                    .withData("addresses", broker.server().getPostOffice().getAddresses().size())
                    .build();
        }
        String problem = external().problem();
        return problem == null ? response.up().build() : response.down().withData("error", problem).build();
    }

    private ExternalBrokerProbe external() {
        ExternalBrokerProbe probe = external;
        if (probe == null) {
            synchronized (this) {
                if (external == null) {
                    external = new ExternalBrokerProbe(JmsConnectionFactoryProducer.externalUrl(config));
                }
                probe = external;
            }
        }
        return probe;
    }

    @PreDestroy
    void close() {
        if (external != null) {
            external.close();
        }
    }
}
