package org.pdxhub.hub.messaging;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.jms.BytesMessage;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.server.MessageReference;
import org.apache.activemq.artemis.core.server.Queue;
import org.apache.activemq.artemis.utils.collections.LinkedListIterator;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The node's own messages (a file's batch of 500 records is about 115 KB) are journal records up
 * to 256 KiB, not a large-message file each; a larger one is still a large message, and either
 * comes back whole.
 */
@QuarkusTest
public class NodeMessageSizeTest {

    @Inject
    ConnectionFactory nodeFactory;

    @Inject
    EmbeddedBroker broker;

    @Test
    void aBatchTheSizeOfAFilesIsOneJournalRecordAndALargerOneStillALargeMessageBothReadWhole() throws Exception {
        String address = "pdx.test.size-" + UUID.randomUUID();
        broker.server().createQueue(QueueConfiguration.of(address).setRoutingType(RoutingType.ANYCAST).setDurable(true));
        byte[] batch = body(115 * 1024, 'b');
        byte[] larger = body(300 * 1024, 'l');
        try (JMSContext context = nodeFactory.createContext(JMSContext.SESSION_TRANSACTED)) {
            var queue = context.createQueue(address);
            for (byte[] b : List.of(batch, larger)) {
                BytesMessage m = context.createBytesMessage();
                m.writeBytes(b);
                context.createProducer().send(queue, m);
            }
            context.commit();

            // The commit has returned; on a busy machine the queue may list the large one a moment later.
            await().atMost(Duration.ofSeconds(10)).until(() -> largeOnTheBroker(address).size() == 2);
            assertEquals(List.of(false, true), largeOnTheBroker(address),
                    "115 KB is a journal record; 300 KB, over 256 KiB, a large message");

            try (var consumer = context.createConsumer(queue)) {
                for (byte[] expected : List.of(batch, larger)) {
                    BytesMessage got = (BytesMessage) consumer.receive(10_000);
                    byte[] read = new byte[(int) got.getBodyLength()];
                    got.readBytes(read);
                    assertArrayEquals(expected, read);
                }
                context.commit();
            }
        }
    }

    private List<Boolean> largeOnTheBroker(String address) {
        Queue queue = broker.server().locateQueue(SimpleString.of(address));
        List<Boolean> large = new ArrayList<>();
        try (LinkedListIterator<MessageReference> refs = queue.browserIterator()) {
            while (refs.hasNext()) {
                large.add(refs.next().getMessage().isLargeMessage());
            }
        }
        return large;
    }

    private static byte[] body(int size, char fill) {
        byte[] b = new byte[size];
        Arrays.fill(b, (byte) fill);
        return b;
    }
}
