package org.pdxhub.hub.messaging;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.activemq.artemis.api.core.TransportConfiguration;
import org.apache.activemq.artemis.core.remoting.impl.netty.TransportConstants;
import org.apache.qpid.protonj2.client.Client;
import org.apache.qpid.protonj2.client.Connection;
import org.apache.qpid.protonj2.client.ConnectionOptions;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.pdxhub.hub.store.Store;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A department system or another node's bridge cannot log in to the broker before the store that
 * checks its key is open: the network acceptors do not start with the broker, and open after the store.
 */
@QuarkusTest
class BrokerAcceptorsTest {

    @Inject
    EmbeddedBroker broker;

    @Inject
    BrokerAcceptors acceptors;

    @Inject
    Store store;

    @ConfigProperty(name = "pdx.broker.amqp-port")
    int amqpPort;

    @Test
    void aBrokerLoginIsTakenOnlyOnceTheStoreIsOpen() throws Exception {
        List<TransportConfiguration> network = broker.server().getConfiguration().getAcceptorConfigurations().stream()
                .filter(a -> !a.getName().equals("in-vm")).toList();
        assertFalse(network.isEmpty());
        for (TransportConfiguration a : network) {
            assertTrue(Boolean.FALSE.equals(a.getParams().get(TransportConstants.AUTO_START))
                            || "false".equals(String.valueOf(a.getParams().get(TransportConstants.AUTO_START))),
                    "acceptor " + a.getName() + " must not open with the broker, before the store: " + a.getParams());
        }
        assertNotNull(acceptors.openedAt(), "the acceptors are open once the node has started");
        assertFalse(acceptors.openedAt().isBefore(store.openedAt()), "opened at " + acceptors.openedAt() + ", store at " + store.openedAt());

        try (Client client = Client.create();
             Connection c = client.connect("127.0.0.1", amqpPort, new ConnectionOptions().user("11513300MB0000002H").password("demo-system"))) {
            c.openFuture().get();
        }
    }
}
