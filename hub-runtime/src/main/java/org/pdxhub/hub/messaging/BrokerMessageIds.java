package org.pdxhub.hub.messaging;

import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.Session;
import org.apache.activemq.artemis.core.client.impl.ClientSessionFactoryInternal;
import org.apache.activemq.artemis.jms.client.ActiveMQMessage;
import org.apache.activemq.artemis.jms.client.ActiveMQSession;

/**
 * The id a queue message keeps on every delivery, for a message whose sender gave none of the
 * node's own ({@code PdxMessageId}): the node knows a message it has passed by its id, so an id
 * that changed between deliveries made a message redelivered after its passage pass, and be
 * logged, again. What Artemis hands a core JMS consumer as {@code JMSMessageID} is such an id
 * only for a core sender's message. For an AMQP 1.0 sender's, Artemis draws a new random one at
 * each delivery (seen with Artemis 2.40: a message with the AMQP message-id {@code abc-1} came as
 * {@code ID:d3446b8c-…} the first time and {@code ID:d3502b5e-…} after a rollback), and gives none
 * at all to a message without an AMQP message-id.
 */
public final class BrokerMessageIds {

    /** Where Artemis keeps an AMQP sender's own message-id, typed ({@code ID:AMQP_NO_PREFIX:abc-1}, {@code ID:AMQP_ULONG:42}). */
    static final String AMQP_MESSAGE_ID = "NATIVE_MESSAGE_ID";

    /** Set by Artemis on every message it converted from AMQP 1.0 for a core consumer. */
    static final String FROM_AMQP = "JMS_AMQP_ORIGINAL_ENCODING";

    private BrokerMessageIds() {
    }

    /**
     * The message's id from its sender, or else the broker's own: the AMQP sender's message-id, a
     * core sender's {@code JMSMessageID}, or, for a message that came with neither, the broker's
     * number for it, which it keeps across deliveries and restarts, scoped by the broker's node id
     * (a new journal numbers from the start again, under a new node id). Null only when none of
     * these can be read.
     */
    public static String of(Message message, String brokerNode) throws JMSException {
        String amqp = message.getStringProperty(AMQP_MESSAGE_ID);
        if (amqp != null && !amqp.isBlank()) {
            return amqp;
        }
        String jms = message.propertyExists(FROM_AMQP) ? null : message.getJMSMessageID();
        if (jms != null && !jms.isBlank()) {
            return jms;
        }
        if (brokerNode != null && message instanceof ActiveMQMessage artemis) {
            return "ID:broker:" + brokerNode + ":" + artemis.getCoreMessage().getMessageID();
        }
        return null;
    }

    /** The node id of the broker a consumer's session is connected to; null when it cannot be told. */
    public static String brokerNode(Session session) {
        if (session instanceof ActiveMQSession artemis
                && artemis.getCoreSession().getSessionFactory() instanceof ClientSessionFactoryInternal factory) {
            return factory.getPrimaryNodeId();
        }
        return null;
    }
}
