package org.pdxhub.hub.messaging;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.server.MessageReference;
import org.apache.activemq.artemis.core.server.Queue;
import org.apache.activemq.artemis.utils.collections.LinkedListIterator;
import org.apache.qpid.protonj2.client.Client;
import org.apache.qpid.protonj2.client.Connection;
import org.apache.qpid.protonj2.client.Message;
import org.apache.qpid.protonj2.client.Sender;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.pdxhub.hub.store.Sql;

import java.time.Duration;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.pdxhub.hub.messaging.DepartmentSystem.POPULATION;
import static org.pdxhub.hub.messaging.DepartmentSystem.PSB;
import static org.pdxhub.hub.messaging.DepartmentSystem.PSB_SYSTEM_KEY;
import static org.pdxhub.hub.messaging.DepartmentSystem.amqp;
import static org.pdxhub.hub.messaging.DepartmentSystem.citizenId;
import static org.pdxhub.hub.messaging.DepartmentSystem.record;
import static org.pdxhub.hub.messaging.DepartmentSystem.send;

/**
 * A sender cannot use the node's own consumer as a courier: a reply-to address on a message to
 * {@code pdx.in.{code}} would have the node send the message on, raw and with the node's rights,
 * to an address of the sender's choosing (another organisation's return queue, {@code pdx.agg}).
 */
@QuarkusTest
public class InboundReplyToTest {

    static final String HR = "11513300MB0000004P";

    @ConfigProperty(name = "pdx.broker.amqp-port")
    int amqpPort;

    @Inject
    Sql sql;

    @Inject
    EmbeddedBroker broker;

    @Test
    void aReplyToOnAnInboundMessageSendsNothingOnward() throws Exception {
        String messageId = "reply-to-" + UUID.randomUUID();
        try (Client client = Client.create();
             Connection connection = amqp(client, amqpPort, PSB, PSB_SYSTEM_KEY);
             Sender sender = connection.openSender("pdx.in." + POPULATION)) {
            Message<String> m = record(citizenId(401), "旺堆", messageId);
            m.replyTo(Addresses.returnTo(HR));
            send(sender, m);
        }
        await().atMost(Duration.ofSeconds(15)).until(() -> sql.count(
                "select count(*) from usage_log where message_id = ? and decision = 'DELIVERED'", messageId) == 1);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> !heldIn(Addresses.returnTo(HR), messageId));
    }

    private boolean heldIn(String queueName, String messageId) {
        Queue queue = broker.server().locateQueue(SimpleString.of(queueName));
        if (queue == null) {
            return false;
        }
        try (LinkedListIterator<MessageReference> it = queue.browserIterator()) {
            while (it.hasNext()) {
                if (messageId.equals(it.next().getMessage().getStringProperty("PdxMessageId"))) {
                    return true;
                }
            }
        }
        return false;
    }
}
