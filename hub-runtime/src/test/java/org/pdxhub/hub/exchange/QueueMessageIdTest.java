package org.pdxhub.hub.exchange;

import org.junit.jupiter.api.Test;
import org.pdxhub.hub.envelope.Headers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A queue message its sender did not name takes the broker's id, which must follow the rule every
 * path holds a message id to, and stay the same on each redelivery, so that it lands once.
 */
class QueueMessageIdTest {

    @Test
    void theBrokersOwnIdIsTakenAsItIs() {
        String artemis = "ID:6f1c2a4e-8f0b-11f0-9d3e-0242ac120002";
        assertEquals(artemis, QueueMessages.asMessageId(artemis));
        assertNull(QueueMessages.asMessageId(null));
    }

    @Test
    void anAmqpSendersIdOfOtherCharactersIsTakenByItsDigestTheSameEachTime() {
        for (String amqp : new String[] {"ID:AMQP_STRING:order 42 / 达瓦", "ID:AMQP_NO_PREFIX:" + "x".repeat(80), "ID:AMQP_STRING:a\r\nb"}) {
            String id = QueueMessages.asMessageId(amqp);
            assertTrue(id.startsWith("ID:sha256:"), id);
            assertTrue(Headers.problem(Headers.MESSAGE_ID, id).isEmpty(), id);
            assertEquals(id, QueueMessages.asMessageId(amqp), "a redelivery is the same message");
        }
        assertNotEquals(QueueMessages.asMessageId("ID:AMQP_STRING:a b"), QueueMessages.asMessageId("ID:AMQP_STRING:a c"));
    }
}
