package org.pdxhub.hub.deadletter;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.Message;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.server.MessageReference;
import org.apache.activemq.artemis.core.server.Queue;
import org.apache.activemq.artemis.core.settings.impl.AddressFullMessagePolicy;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.apache.activemq.artemis.utils.collections.LinkedListIterator;
import org.apache.qpid.protonj2.client.Client;
import org.apache.qpid.protonj2.client.Connection;
import org.apache.qpid.protonj2.client.ConnectionOptions;
import org.apache.qpid.protonj2.client.Sender;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.pdxhub.hub.messaging.Addresses;
import org.pdxhub.hub.messaging.EmbeddedBroker;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pdxhub.hub.testing.DemoKeys.PSB;

/**
 * A refused message whose letter the broker will not take (the dead-letter address is full and
 * refuses more) is not consumed without a trace: its delivery rolls back and it stays on its queue,
 * and once the letter can be written it is dead-lettered once, after the deliveries it took.
 */
@QuarkusTest
class LetterThatCannotBeWrittenTest {

    static final String POPULATION = "GZ-PSB-POP-001";
    static final String FILLER = "PdxTestFiller";

    @ConfigProperty(name = "pdx.broker.amqp-port")
    int amqpPort;

    @Inject
    EmbeddedBroker broker;

    @Inject
    ConnectionFactory connections;

    @Test
    void aRefusalWhoseLetterCannotBeWrittenStaysOnItsQueueAndIsLetteredOnceTheLetterCanBe() throws Exception {
        String messageId = "unwritable-letter-" + UUID.randomUUID();
        String dlq = Addresses.DEAD_LETTER;
        var settings = broker.server().getAddressSettingsRepository();
        settings.addMatch(dlq, new AddressSettings().setMaxSizeBytes(1).setAddressFullMessagePolicy(AddressFullMessagePolicy.FAIL));
        try {
            fillTheDeadLetterAddress();
            try (Client client = Client.create();
                 Connection c = client.connect("127.0.0.1", amqpPort, new ConnectionOptions().user(PSB).password("demo-system"));
                 Sender sender = c.openSender(Addresses.inbound(POPULATION))) {
                c.openFuture().get(10, TimeUnit.SECONDS);
                var m = org.apache.qpid.protonj2.client.Message.create("[{\"citizen_id\": oops");
                m.property("PdxPerson", "公安局人口系统").property("PdxPurpose", "人口基础信息汇聚").property("PdxMessageId", messageId);
                sender.send(m).awaitSettlement(10, TimeUnit.SECONDS);
            }
            // Refused, its letter refused by the full address: delivered again, so still on its queue.
            Queue inbound = broker.server().locateQueue(SimpleString.of(Addresses.inbound(POPULATION)));
            await().atMost(Duration.ofSeconds(30)).until(() -> deliveries(inbound, messageId) >= 2);
            assertEquals(0, OneDeadLetterFormatTest.browse(connections, "PdxMessageId = '" + messageId + "'").size(),
                    "no letter while the address refuses it");
        } finally {
            settings.removeMatch(dlq);
            removeFiller();
        }

        Message letter = await().atMost(Duration.ofSeconds(30)).until(() -> OneDeadLetterFormatTest.find(connections, messageId),
                found -> found != null);
        OneDeadLetterFormatTest.assertOneFormat(letter, "message.malformed", Addresses.inbound(POPULATION), PSB, false, DeadLetters.ORIGINAL);
        assertTrue(letter.getIntProperty(DeadLetters.ATTEMPTS) >= 2, "written on a later delivery: " + letter.getIntProperty(DeadLetters.ATTEMPTS));
    }

    /** The address takes no more once it holds a byte: one message that no reader of letters mistakes for a letter. */
    private void fillTheDeadLetterAddress() {
        try (JMSContext jms = connections.createContext()) {
            jms.createProducer().setProperty(FILLER, true).send(jms.createQueue(Addresses.DEAD_LETTER), "filler");
        } catch (RuntimeException alreadyFull) {
            // It holds letters of other tests already.
        }
    }

    private void removeFiller() {
        try (JMSContext jms = connections.createContext(JMSContext.AUTO_ACKNOWLEDGE);
             JMSConsumer filler = jms.createConsumer(jms.createQueue(Addresses.DEAD_LETTER), FILLER + " = TRUE")) {
            while (filler.receive(500) != null) {
                // taken off again
            }
        }
    }

    /** The highest delivery count of the message on the queue, waiting, scheduled for redelivery or being delivered. */
    private static int deliveries(Queue queue, String messageId) {
        List<MessageReference> refs = new ArrayList<>(queue.getScheduledMessages());
        queue.getDeliveringMessages().values().forEach(refs::addAll);
        try (LinkedListIterator<MessageReference> waiting = queue.browserIterator()) {
            waiting.forEachRemaining(refs::add);
        }
        return refs.stream().filter(r -> messageId.equals(r.getMessage().getStringProperty("PdxMessageId")))
                .mapToInt(MessageReference::getDeliveryCount).max().orElse(0);
    }
}
