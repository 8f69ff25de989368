package org.pdxhub.hub.link;

import io.quarkus.runtime.Startup;
import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.config.BridgeConfiguration;
import org.apache.activemq.artemis.core.server.ActiveMQServer;
import org.apache.activemq.artemis.core.server.ComponentConfigurationRoutingType;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.jboss.logging.Logger;
import org.pdxhub.hub.messaging.Addresses;
import org.pdxhub.hub.messaging.EmbeddedBroker;
import org.pdxhub.hub.node.HubConfig;
import org.pdxhub.hub.node.StartupRefused;

import java.util.ArrayList;
import java.util.List;

/**
 * Store and forward between nodes on Artemis's own core bridges: each link has a durable local
 * queue {@code pdx.link.out.{id}}, and a bridge moves it to the other node's {@code pdx.link.in}
 * whenever that node is reachable, in order, retrying for ever with back-off, with duplicate
 * detection so that a message resent after a crash is taken once.
 */
@Startup
@Singleton
public class LinkBridges {

    private static final Logger LOG = Logger.getLogger(LinkBridges.class);

    @Inject
    EmbeddedBroker broker;

    @Inject
    Links links;

    @Inject
    HubConfig config;

    @PostConstruct
    void deploy() {
        ActiveMQServer server = broker.server();
        if (server == null) {
            if (!links.all().isEmpty()) {
                LOG.warn("The broker is external (pdx.broker.embedded=false): configure the link bridges on it"
                        + " (deploy/PRODUCTION.md); this node only fills pdx.link.out.{id}");
            }
            return;
        }
        // Link queues must never give up on a message: a node failure rolls the delivery back,
        // and it is tried again with back-off until it passes (refusals are answered, not retried).
        server.getAddressSettingsRepository().addMatch("pdx.link.#", new AddressSettings()
                .setDefaultAddressRoutingType(RoutingType.ANYCAST)
                .setDefaultQueueRoutingType(RoutingType.ANYCAST)
                .setDeadLetterAddress(SimpleString.of(Addresses.DEAD_LETTER))
                .setExpiryAddress(SimpleString.of(Addresses.EXPIRED))
                .setMaxDeliveryAttempts(-1)
                .setRedeliveryDelay(500)
                .setRedeliveryMultiplier(2.0)
                .setMaxRedeliveryDelay(30_000));
        durableQueue(server, Addresses.LINK_IN);
        for (LinkTarget link : links.all()) {
            durableQueue(server, Addresses.linkOut(link.id()));
            if (link.transport() == LinkTarget.Transport.BRIDGE) {
                bridge(server, link);
            }
        }
    }

    private void bridge(ActiveMQServer server, LinkTarget link) {
        List<String> connectors = new ArrayList<>();
        try {
            for (int i = 0; i < link.brokers().size(); i++) {
                String name = "pdx-link-" + link.id() + "-" + i;
                server.getConfiguration().addConnectorConfiguration(name, link.brokers().get(i));
                connectors.add(name);
            }
            BridgeConfiguration bridge = new BridgeConfiguration()
                    .setName("pdx-link-" + link.id())
                    .setQueueName(Addresses.linkOut(link.id()))
                    .setForwardingAddress(Addresses.LINK_IN)
                    .setRoutingType(ComponentConfigurationRoutingType.ANYCAST)
                    .setStaticConnectors(connectors)
                    .setHA(false)
                    .setUseDuplicateDetection(true)
                    .setInitialConnectAttempts(-1)
                    .setReconnectAttempts(-1)
                    .setRetryInterval(500)
                    .setRetryIntervalMultiplier(2.0)
                    .setMaxRetryInterval(10_000)
                    .setConfirmationWindowSize(1024 * 1024);
            if (link.key().isPresent()) {
                // The other node's broker knows this node as its organisation, with the key it issued.
                bridge.setUser(config.node().organisation()).setPassword(link.key().get());
            }
            server.deployBridge(bridge);
            LOG.infof("Link %s (%s): bridge %s -> %s at %s", link.id(), link.direction(), Addresses.linkOut(link.id()),
                    Addresses.LINK_IN, String.join(",", link.brokers()));
        } catch (Exception e) {
            throw new StartupRefused(link.direction() == LinkTarget.Direction.UP ? "pdx.node.parent.address" : "pdx.node.children",
                    "cannot set up the bridge of link " + link.id() + ": " + e.getMessage());
        }
    }

    private static void durableQueue(ActiveMQServer server, String name) {
        try {
            server.createQueue(QueueConfiguration.of(name).setRoutingType(RoutingType.ANYCAST).setDurable(true)
                    .setAutoCreateAddress(true), true);
        } catch (Exception e) {
            throw new IllegalStateException("cannot create queue " + name, e);
        }
    }
}
