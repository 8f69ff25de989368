package org.pdxhub.hub.organisation;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.core.server.ActiveMQServer;
import org.jboss.logging.Logger;
import org.pdxhub.hub.messaging.AddressRules;
import org.pdxhub.hub.messaging.Addresses;
import org.pdxhub.hub.messaging.EmbeddedBroker;

/**
 * Every registered organisation's return and reply queues ({@code pdx.return.{uscc}},
 * {@code pdx.reply.{uscc}}) exist from the moment it is registered, and for every registered
 * organisation when the node starts: made by the node, not left for the first client to create,
 * so that no one can create a queue of that name first and hold what is returned to it.
 */
@ApplicationScoped
public class OwnerQueues {

    private static final Logger LOG = Logger.getLogger(OwnerQueues.class);

    @Inject
    EmbeddedBroker broker;

    @Inject
    Organisations organisations;

    /** At start, after the seed has registered the configured organisations. */
    public void declareAll() {
        if (!broker.isEmbedded()) {
            return;
        }
        int organisationsWithQueues = 0;
        for (var o : organisations.list()) {
            declare(o.uscc());
            organisationsWithQueues++;
        }
        LOG.infof("Return and reply queues ready for %d organisation(s)", organisationsWithQueues);
    }

    void onRegistered(@Observes OrganisationRegistered registered) {
        if (broker.isEmbedded()) {
            declare(registered.uscc());
        }
    }

    /** Creates the organisation's return and reply queues, durable and ANYCAST, unless they exist. */
    public void declare(String uscc) {
        ActiveMQServer server = broker.server();
        for (String name : new String[]{Addresses.returnTo(uscc), AddressRules.REPLY_PREFIX + uscc}) {
            try {
                server.createQueue(QueueConfiguration.of(name).setAddress(name).setRoutingType(RoutingType.ANYCAST)
                        .setDurable(true).setAutoCreateAddress(true), true);
            } catch (Exception e) {
                throw new IllegalStateException("could not create queue " + name + " for organisation " + uscc + ": " + e.getMessage(), e);
            }
        }
    }
}
