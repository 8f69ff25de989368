package org.pdxhub.hub.link;

import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.api.core.TransportConfiguration;
import org.apache.activemq.artemis.core.config.BridgeConfiguration;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.server.ComponentConfigurationRoutingType;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.pdxhub.hub.messaging.Addresses;
import org.pdxhub.hub.messaging.BrokerTls;
import org.pdxhub.hub.messaging.BrokerTlsConfig;
import org.pdxhub.hub.node.StartupRefused;

import java.util.ArrayList;
import java.util.List;

/**
 * Store and forward between nodes on Artemis's own core bridges: each link has a durable local
 * queue {@code pdx.link.out.{id}}, and a bridge moves it to the other node's {@code pdx.link.in}
 * whenever that node is reachable, in order, retrying for ever with back-off, with duplicate
 * detection so that a message resent after a crash is taken once.
 * <p>
 * Everything is part of the broker's configuration before it starts (not deployed afterwards,
 * which Artemis would persist and try to restore before the connectors exist).
 */
public final class LinkBridges {

    private LinkBridges() {
    }

    /**
     * Adds the link queues, their settings and one bridge per bridged link to {@code cfg}. A broker
     * address with {@code sslEnabled=true} is reached over TLS, with this node's certificate as
     * client certificate ({@code pdx.broker.tls.key-store}) and its trust store for the other's.
     */
    public static void configure(Configuration cfg, Links links, String organisation, BrokerTlsConfig tls) {
        // Link queues never give up on a message: a node failure rolls the delivery back, and it
        // is tried again with back-off until it passes (refusals are answered, not retried).
        cfg.addAddressSetting("pdx.link.#", new AddressSettings()
                .setDefaultAddressRoutingType(RoutingType.ANYCAST)
                .setDefaultQueueRoutingType(RoutingType.ANYCAST)
                .setDeadLetterAddress(SimpleString.of(Addresses.DEAD_LETTER))
                .setExpiryAddress(SimpleString.of(Addresses.EXPIRED))
                .setMaxDeliveryAttempts(-1)
                .setRedeliveryDelay(500)
                .setRedeliveryMultiplier(2.0)
                .setMaxRedeliveryDelay(30_000));
        cfg.addQueueConfiguration(durable(Addresses.LINK_IN));
        for (LinkTarget link : links.all()) {
            cfg.addQueueConfiguration(durable(Addresses.linkOut(link.id())));
            if (link.transport() == LinkTarget.Transport.BRIDGE) {
                cfg.getBridgeConfigurations().add(bridge(cfg, link, organisation, tls));
            }
        }
    }

    private static BridgeConfiguration bridge(Configuration cfg, LinkTarget link, String organisation, BrokerTlsConfig tls) {
        List<String> connectors = new ArrayList<>();
        String setting = link.direction() == LinkTarget.Direction.UP ? "pdx.node.parent.address" : "pdx.node.children";
        for (int i = 0; i < link.brokers().size(); i++) {
            String name = "pdx-link-" + link.id() + "-" + i;
            try {
                cfg.addConnectorConfiguration(name, link.brokers().get(i));
            } catch (Exception e) {
                throw new StartupRefused(setting, "link " + link.id() + ": '" + link.brokers().get(i) + "' is not a broker address: "
                        + e.getMessage());
            }
            TransportConfiguration connector = cfg.getConnectorConfigurations().get(name);
            cfg.getConnectorConfigurations().put(name, BrokerTls.connector(connector, tls, setting + " of link " + link.id()));
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
            bridge.setUser(organisation).setPassword(link.key().get());
        }
        return bridge;
    }

    private static QueueConfiguration durable(String name) {
        return QueueConfiguration.of(name).setRoutingType(RoutingType.ANYCAST).setDurable(true);
    }
}
