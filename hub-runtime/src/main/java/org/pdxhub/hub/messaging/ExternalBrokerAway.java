package org.pdxhub.hub.messaging;

import io.quarkus.runtime.ShutdownEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import jakarta.jms.ConnectionFactory;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.camel.component.jms.JmsComponent;
import org.jboss.logging.Logger;
import org.pdxhub.hub.node.HubConfig;

/**
 * A node that stops while its external broker is away closes its connections to it first. The URL
 * production uses reconnects for ever, and a consumer of the node's (its own and Camel's, through
 * Spring's listener container) that is waiting for a message waits through the reconnection: the
 * stop waited for each in turn, over two minutes in a run by hand, past the service unit's 45 s,
 * after which it is killed. Closed, their receives end at once. Nothing is lost: what the node
 * had not committed, the broker delivers again once it is back. With the broker there, the node
 * stops as before, each consumer ending the batch in hand.
 */
@Singleton
class ExternalBrokerAway {

    private static final Logger LOG = Logger.getLogger(ExternalBrokerAway.class);

    @Inject
    EmbeddedBroker broker;

    @Inject
    HubConfig config;

    @Inject
    ConnectionFactory nodeFactory;

    @Inject
    @Named("jms")
    JmsComponent routesJms;

    /** Before the node's consumers are stopped and awaited (their observers have the default priority, after this one). */
    void onStop(@Observes @Priority(1000) ShutdownEvent stopping) {
        if (broker.isEmbedded()) {
            return;
        }
        String away;
        try (ExternalBrokerProbe probe = new ExternalBrokerProbe(JmsConnectionFactoryProducer.externalUrl(config))) {
            away = probe.problem();
        }
        if (away == null) {
            return;
        }
        LOG.warnf("Stopping while the external broker is away (%s): the node's connections to it are closed first, so that the stop"
                + " does not wait for it; what was not committed, the broker delivers again", away);
        close(nodeFactory);
        close(routesJms.getConfiguration().getConnectionFactory());
    }

    private static void close(ConnectionFactory factory) {
        if (factory instanceof ActiveMQConnectionFactory artemis) {
            try {
                artemis.close();
            } catch (RuntimeException e) {
                LOG.debug("closing a connection factory of the external broker failed", e);
            }
        }
    }
}
