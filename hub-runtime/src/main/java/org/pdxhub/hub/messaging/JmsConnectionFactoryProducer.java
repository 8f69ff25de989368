package org.pdxhub.hub.messaging;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import jakarta.jms.ConnectionFactory;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.camel.component.jms.JmsComponent;
import org.pdxhub.hub.node.HubConfig;
import org.pdxhub.hub.node.StartupRefused;

import java.time.Duration;

/**
 * The node's two ways onto the broker, kept apart by structure rather than by a check on URIs:
 * <ul>
 *   <li>the {@value Addresses#NODE_JMS} component and the {@link ConnectionFactory} bean log in as
 *       the node's own user: the gate's passage uses them to land, forward, return and
 *       dead-letter; a routes file may not name them (RouteFileCheck refuses the component,
 *       bean references and every way to reach a bean);</li>
 *   <li>the {@code jms} component, what routes files use, logs in as {@link BrokerSecurity#ROUTES_USER},
 *       with no more rights than a provider has: even a route that slipped past the file check
 *       cannot write where gated data goes.</li>
 * </ul>
 * Both take the broker as a parameter so that the broker is running before any route connects.
 */
public class JmsConnectionFactoryProducer {

    @Produces
    @Singleton
    ConnectionFactory connectionFactory(BrokerSecurity security, HubConfig config) {
        // Not the started broker: Camel configures its routes while the broker starts, and starts them once it is up.
        if (config.broker().embedded()) {
            // The node's own user: every right, in-VM only; department systems log in as their organisation.
            return new ActiveMQConnectionFactory(EmbeddedBroker.NODE_CLIENT_URL, security.nodeUser(), security.nodePassword());
        }
        return external(config);
    }

    @Produces
    @Singleton
    @Named(Addresses.NODE_JMS)
    JmsComponent nodeJms(ConnectionFactory nodeFactory) {
        JmsComponent component = JmsComponent.jmsComponent(nodeFactory);
        // As camel.component.jms.* in application.properties: local session transactions, cached consumers.
        component.setLazyCreateTransactionManager(false);
        component.setCacheLevelName("CACHE_CONSUMER");
        // A sender's JMSReplyTo would have the node's own consumer send the message on, with the
        // node's rights, to an address of the sender's choosing (pdx.agg): the node answers no one that way.
        component.setDisableReplyTo(true);
        return component;
    }

    /** The {@code jms} component of routes files; configured further by {@code camel.component.jms.*}. */
    @Produces
    @Singleton
    @Named("jms")
    JmsComponent routesJms(BrokerSecurity security, HubConfig config) {
        ConnectionFactory factory = config.broker().embedded()
                ? new ActiveMQConnectionFactory(EmbeddedBroker.IN_VM_URL, BrokerSecurity.ROUTES_USER, security.routesPassword())
                : external(config);
        return JmsComponent.jmsComponent(factory);
    }

    private static ConnectionFactory external(HubConfig config) {
        return new ActiveMQConnectionFactory(externalUrl(config));
    }

    /**
     * How long a send outside a consumer waits for an external broker's answer, or its fail-over,
     * before it is refused (503, send again): the URL production uses reconnects for ever, and
     * without a bound a REST sender waited for as long as the broker stayed away.
     */
    static final Duration SEND_FAILOVER_WITHIN = Duration.ofSeconds(5);

    /**
     * A factory for the sends that happen outside a consumer ({@link SendingSessions}) on an
     * external broker: the node's URL, with a send during a fail-over bounded by {@link #SEND_FAILOVER_WITHIN}.
     * A consumer keeps the shared factory, whose sends are part of what it commits and may wait.
     */
    static ActiveMQConnectionFactory externalSending(HubConfig config) {
        ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(externalUrl(config));
        factory.setCallFailoverTimeout(SEND_FAILOVER_WITHIN.toMillis());
        // A send to a broker that went away without a word waited out Artemis's call timeout, 30 s.
        factory.setCallTimeout(SEND_FAILOVER_WITHIN.toMillis());
        return factory;
    }

    /** A broker URL as it may be logged: its password left out. */
    static String withoutSecrets(String url) {
        return url.replaceAll("(?i)(password=)[^&]*", "$1…");
    }

    /** The external broker's URL, {@code pdx.broker.url}, required when the broker is not embedded. */
    static String externalUrl(HubConfig config) {
        return config.broker().url().orElseThrow(() -> new StartupRefused("pdx.broker.url",
                "the broker is not embedded (pdx.broker.embedded=false), so its url is needed, e.g. tcp://broker:61616"));
    }
}
