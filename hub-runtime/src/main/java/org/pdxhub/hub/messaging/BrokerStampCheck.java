package org.pdxhub.hub.messaging;

import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TemporaryQueue;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.pdxhub.broker.ValidatedSender;
import org.pdxhub.hub.node.StartupRefused;

import java.time.Duration;
import java.util.UUID;

/**
 * Whether an external broker tells the node who sent each message. The node takes a queue
 * message's sender from {@value BrokerSecurity#SENDER_HEADER} alone, and trusts it because the
 * broker's {@link ValidatedSender} writes it over whatever the client put there. A broker that does
 * not run that plugin hands the client's own value through: any department system could then send
 * as the provider of any resource, and one that sets nothing would be taken for the node itself.
 * So, before any consumer starts, the node sends itself a message that names another organisation
 * as its sender, and reads it back: it starts only if the broker wrote its own login over the name.
 */
final class BrokerStampCheck {

    /** How long the start waits for the broker: a login, the message and its way back. */
    static final Duration WITHIN = Duration.ofSeconds(10);

    /** Whom the node's test message claims to come from: a code of a USCC's form, only ever put on that one message. */
    static final String FORGED = "91513300MA00000000";

    private BrokerStampCheck() {
    }

    /**
     * The user the broker authenticated the node as, read from the stamp on its own message; the
     * start is refused when the broker cannot be reached, does not stamp, or authenticated nobody.
     */
    static String nodeUser(String url) {
        try (ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(url)) {
            // A broker still starting (a restart of both together) is given a few attempts; one that stays away refuses the start.
            factory.setInitialConnectAttempts(5);
            factory.setRetryInterval(1_000);
            factory.setRetryIntervalMultiplier(1.0);
            factory.setReconnectAttempts(0);
            factory.setCallTimeout(WITHIN.toMillis());
            factory.setCallFailoverTimeout(WITHIN.toMillis());
            String user = stamped(factory, url);
            requirePasswordsChecked(factory, user, url);
            return user;
        }
    }

    /**
     * A broker with security off lets a client in under any name, and stamps that name: a
     * department system could log in as the provider. So the node's own name is tried with a
     * password nobody has; the broker must refuse it.
     */
    private static void requirePasswordsChecked(ActiveMQConnectionFactory factory, String user, String url) {
        String wrong = UUID.randomUUID().toString();
        try (Connection connection = factory.createConnection(user, wrong)) {
            connection.createSession(false, Session.AUTO_ACKNOWLEDGE).close();
        } catch (JMSException refused) {
            return;
        }
        throw refused(url, "let the node's user " + user + " in with a password nobody has: turn security on on the broker"
                + " (security-enabled), so that no client can log in as an organisation it is not");
    }

    private static String stamped(ActiveMQConnectionFactory factory, String url) {
        String probe = UUID.randomUUID().toString();
        String back;
        try (Connection connection = factory.createConnection(); Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE)) {
            TemporaryQueue queue = session.createTemporaryQueue();
            connection.start();
            MessageConsumer consumer = session.createConsumer(queue);
            MessageProducer producer = session.createProducer(queue);
            producer.setDeliveryMode(DeliveryMode.NON_PERSISTENT);
            Message message = session.createTextMessage(probe);
            message.setStringProperty(BrokerSecurity.SENDER_HEADER, FORGED);
            producer.send(message);
            Message received = consumer.receive(WITHIN.toMillis());
            if (received == null) {
                throw refused(url, "did not hand back the node's own message to itself within " + WITHIN.toSeconds() + " s");
            }
            back = received.getStringProperty(BrokerSecurity.SENDER_HEADER);
        } catch (JMSException e) {
            throw refused(url, "could not be reached or refused the node's login (" + e.getMessage() + "); check pdx.broker.url, its user"
                    + " and password, and that the broker runs");
        }
        if (FORGED.equals(back)) {
            throw refused(url, "passes on the sender a client names itself, so a department system could send as any organisation:"
                    + " put pdx-broker-plugin.jar (broker-plugin/target/) in the broker's lib/ folder and add"
                    + " <broker-plugin class-name=\"" + ValidatedSender.class.getName() + "\"/> to its broker.xml (deploy/PRODUCTION.md)");
        }
        if (back == null || back.isBlank()) {
            throw refused(url, "authenticated nobody: the node's own message came back with no sender. Turn security on on the broker"
                    + " and give the node a user of its own in pdx.broker.url (user=…&password=…)");
        }
        if (BrokerSecurity.looksLikeOrganisation(back)) {
            throw refused(url, "logged the node in as " + back + ", an organisation's code: the node would take that organisation's"
                    + " messages for its own. Give the node a broker user of its own, not an organisation's");
        }
        return back;
    }

    private static StartupRefused refused(String url, String why) {
        return new StartupRefused("pdx.broker.url", "the external broker at " + JmsConnectionFactoryProducer.withoutSecrets(url) + " " + why);
    }
}
