package org.pdxhub.hub.messaging;

import org.apache.activemq.artemis.api.core.Message;
import org.apache.activemq.artemis.core.server.ServerSession;
import org.apache.activemq.artemis.core.server.plugin.ActiveMQServerMessagePlugin;
import org.apache.activemq.artemis.core.transaction.Transaction;

/**
 * Stamps every message a client sends with the user the broker authenticated, in
 * {@value BrokerSecurity#SENDER_HEADER}, replacing whatever the client put there. Artemis'
 * {@code populate-validated-user} ({@code _AMQ_VALIDATED_USER}) is not enough here: it leaves
 * AMQP 1.0 messages alone, and a JMS consumer reads it as {@code JMSXUserID}, a name an AMQP
 * client can also set as an application property, which then wins.
 */
final class ValidatedSender implements ActiveMQServerMessagePlugin {

    @Override
    public void beforeSend(ServerSession session, Transaction tx, Message message, boolean direct, boolean noAutoCreateQueue) {
        String user = session.getValidatedUser();
        if (user == null) {
            message.removeProperty(BrokerSecurity.SENDER_HEADER);
        } else {
            message.putStringProperty(BrokerSecurity.SENDER_HEADER, user);
        }
        message.messageChanged();
    }
}
