package org.pdxhub.hub.messaging;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import jakarta.jms.ConnectionFactory;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.pdxhub.hub.node.HubConfig;
import org.pdxhub.hub.node.StartupRefused;

/**
 * The one {@link ConnectionFactory} of the node; camel-jms picks it up without configuration.
 * It takes the broker as a parameter so that the broker is running before any route connects.
 */
public class JmsConnectionFactoryProducer {

    @Produces
    @Singleton
    ConnectionFactory connectionFactory(EmbeddedBroker broker, BrokerSecurity security, HubConfig config) {
        if (broker.isEmbedded()) {
            // The node's own user: every right, in-VM only; department systems log in as their organisation.
            return new ActiveMQConnectionFactory(EmbeddedBroker.IN_VM_URL, security.nodeUser(), security.nodePassword());
        }
        String url = config.broker().url().orElseThrow(() -> new StartupRefused("pdx.broker.url",
                "the broker is not embedded (pdx.broker.embedded=false), so its url is needed, e.g. tcp://broker:61616"));
        return new ActiveMQConnectionFactory(url);
    }
}
