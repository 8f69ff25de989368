package org.pdxhub.hub.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.activemq.artemis.spi.core.remoting.Acceptor;
import org.jboss.logging.Logger;
import org.pdxhub.hub.node.StartupRefused;
import org.pdxhub.hub.store.Store;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * Opens the embedded broker's network acceptors (CORE, AMQP, their TLS twins) once the store is
 * open and the organisations' own queues are declared: every login is checked against API keys
 * in the store, and a login that reached a store still opening once closed it under the node
 * (H2 closes its file when a thread using it is interrupted). Until then a department system or
 * another node's bridge finds the port closed and tries again; the node's own routes use the
 * in-VM acceptor from the start.
 */
@ApplicationScoped
public class BrokerAcceptors {

    private static final Logger LOG = Logger.getLogger(BrokerAcceptors.class);

    @Inject
    EmbeddedBroker broker;

    @Inject
    Store store;

    @Inject
    Clock clock;

    private volatile Instant openedAt;

    /** After the organisations' return and reply queues exist (OwnerQueues), so that no client can create one first. */
    public void open() {
        if (!broker.isEmbedded()) {
            return;
        }
        String storeKind = store.kind(); // the store is open: a @Singleton is made, and opened, where it is injected
        Map<String, Acceptor> acceptors = new TreeMap<>(broker.server().getRemotingService().getAcceptors());
        acceptors.forEach((name, acceptor) -> {
            if (!acceptor.isStarted()) {
                try {
                    acceptor.start();
                } catch (Exception e) {
                    throw new StartupRefused("pdx.broker.host", "the broker's acceptor " + name + " did not open: " + e.getMessage());
                }
            }
        });
        openedAt = clock.instant();
        LOG.infof("Broker: acceptors %s open, after the %s store", acceptors.keySet(), storeKind);
    }

    /** When the network acceptors opened; null before. */
    public Instant openedAt() {
        return openedAt;
    }
}
