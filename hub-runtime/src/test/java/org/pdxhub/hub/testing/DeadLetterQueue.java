package org.pdxhub.hub.testing;

import org.apache.activemq.artemis.api.core.Message;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.server.MessageReference;
import org.apache.activemq.artemis.core.server.Queue;
import org.apache.activemq.artemis.utils.collections.LinkedListIterator;
import org.pdxhub.hub.envelope.Headers;
import org.pdxhub.hub.messaging.Addresses;
import org.pdxhub.hub.messaging.EmbeddedBroker;

import java.util.ArrayList;
import java.util.List;

/**
 * The letters on the embedded broker's {@code pdx.dlq} about one message, read in place on the
 * broker's own queue: nothing is taken off it, and no client's prefetch or redelivery count is
 * touched, so a test can read it again and again while the node is still writing.
 */
public final class DeadLetterQueue {

    private DeadLetterQueue() {
    }

    /** The letters whose message id ({@code PdxMessageId}) is this one, oldest first; none when the queue does not exist yet. */
    public static List<Message> lettersAbout(EmbeddedBroker broker, String messageId) {
        return onQueue(broker, Addresses.DEAD_LETTER, messageId);
    }

    /** The same read of any of the node's queues: the messages on {@code queue} whose message id is this one. */
    public static List<Message> onQueue(EmbeddedBroker broker, String queue, String messageId) {
        Queue q = broker.server().locateQueue(SimpleString.of(queue));
        List<Message> found = new ArrayList<>();
        if (q == null) {
            return found;
        }
        try (LinkedListIterator<MessageReference> it = q.browserIterator()) {
            while (it.hasNext()) {
                Message m = it.next().getMessage();
                if (messageId.equals(m.getStringProperty(Headers.MESSAGE_ID))) {
                    found.add(m);
                }
            }
        }
        return found;
    }
}
