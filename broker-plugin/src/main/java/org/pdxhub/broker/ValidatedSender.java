package org.pdxhub.broker;

import org.apache.activemq.artemis.api.core.Message;
import org.apache.activemq.artemis.core.server.ServerSession;
import org.apache.activemq.artemis.core.server.plugin.ActiveMQServerPlugin;
import org.apache.activemq.artemis.core.transaction.Transaction;

/**
 * Stamps every message a client sends with the user the broker authenticated, in {@value #HEADER},
 * replacing whatever the client put there, and removes it from a message sent by no authenticated
 * user. A node takes the sender of a queue message from this property alone, so a broker that does
 * not run this plugin lets any client name any organisation as sender; a node on an external broker
 * checks at start that it runs ({@code messaging.BrokerStampCheck}) and refuses to start otherwise.
 * <p>
 * Artemis's {@code populate-validated-user} ({@code _AMQ_VALIDATED_USER}) is not enough here: it
 * leaves AMQP 1.0 messages alone, and a JMS consumer reads it as {@code JMSXUserID}, a name an AMQP
 * client can also set as an application property, which then wins.
 * <p>
 * On an external broker, in {@code broker.xml}, with this jar in the broker's {@code lib/}
 * ({@code deploy/artemis/broker.xml} is a whole example):
 * <pre>{@code <broker-plugins><broker-plugin class-name="org.pdxhub.broker.ValidatedSender"/></broker-plugins>}</pre>
 * It implements the whole {@link ActiveMQServerPlugin}, though it needs only the message callback:
 * {@code broker.xml}'s loader casts every plugin it names to that interface.
 */
public final class ValidatedSender implements ActiveMQServerPlugin {

    /** The message property in which the broker hands over the user it authenticated as sender. */
    public static final String HEADER = "PdxBrokerUser";

    @Override
    public void beforeSend(ServerSession session, Transaction tx, Message message, boolean direct, boolean noAutoCreateQueue) {
        String user = session.getValidatedUser();
        if (user == null) {
            message.removeProperty(HEADER);
        } else {
            message.putStringProperty(HEADER, user);
        }
        message.messageChanged();
    }
}
