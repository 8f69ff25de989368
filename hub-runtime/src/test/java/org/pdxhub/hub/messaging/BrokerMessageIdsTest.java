package org.pdxhub.hub.messaging;

import jakarta.jms.Connection;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.qpid.protonj2.client.Client;
import org.apache.qpid.protonj2.client.Sender;
import org.apache.qpid.protonj2.types.UnsignedLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pdxhub.hub.testing.NodeProcess;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Ids of queue messages whose senders gave no {@code PdxMessageId}, read the way the node's queue
 * consumer reads them, from a real Artemis with the node's journal settings: each message keeps
 * its id on every delivery, after a rollback and after the broker's restart, and no two share one.
 * With {@code JMSMessageID}, every AMQP message here but the one with a UUID id changed its id
 * between deliveries, and the one without any id had none.
 */
class BrokerMessageIdsTest {

    private static final String QUEUE = "pdx.in.GZ-TEST-IDS";

    @Test
    void aMessageKeepsItsIdOnEveryDeliveryAndAcrossARestartAndNoTwoShareOne(@TempDir Path dir) throws Exception {
        int port = NodeProcess.freePort();
        String uuid = UUID.randomUUID().toString();
        EmbeddedActiveMQ broker = start(dir, port);
        try {
            try (Client client = Client.create();
                 org.apache.qpid.protonj2.client.Connection amqp = client.connect("127.0.0.1", port);
                 Sender sender = amqp.openSender(QUEUE)) {
                for (org.apache.qpid.protonj2.client.Message<String> m : List.of(
                        org.apache.qpid.protonj2.client.Message.create("amqp, no id"),
                        org.apache.qpid.protonj2.client.Message.create("amqp, no id, the same body"),
                        org.apache.qpid.protonj2.client.Message.create("amqp, string id").messageId("abc-1"),
                        org.apache.qpid.protonj2.client.Message.create("amqp, ulong id").messageId(UnsignedLong.valueOf(42)),
                        org.apache.qpid.protonj2.client.Message.create("amqp, uuid id").messageId(UUID.fromString(uuid)))) {
                    sender.send(m.durable(true)).awaitSettlement(10, TimeUnit.SECONDS);
                }
            }
            try (ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory("tcp://127.0.0.1:" + port);
                 Connection connection = factory.createConnection();
                 Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE)) {
                MessageProducer core = session.createProducer(session.createQueue(QUEUE));
                core.send(session.createTextMessage("core, its client's id"));
                core.setDisableMessageID(true);
                core.send(session.createTextMessage("core, no id"));
            }

            Map<String, String> first = receiveAndRollBack(port);
            Map<String, String> second = receiveAndRollBack(port);
            assertEquals(7, first.size(), first::toString);
            assertEquals(first, second, "the same id for each message on its second delivery");
            assertEquals(7, new HashSet<>(first.values()).size(), () -> "no two messages share an id: " + first);
            assertEquals("ID:AMQP_NO_PREFIX:abc-1", first.get("amqp, string id"), "an AMQP sender's own id is kept as it was sent");
            assertEquals("ID:AMQP_ULONG:42", first.get("amqp, ulong id"));
            assertEquals("ID:AMQP_UUID:" + uuid, first.get("amqp, uuid id"));
            for (String id : first.values()) {
                assertNotNull(id);
            }

            broker.stop();
            broker = start(dir, port);
            assertEquals(first, receiveAndRollBack(port), "the same ids from the same journal after the broker's restart");
        } finally {
            broker.stop();
        }
    }

    private static EmbeddedActiveMQ start(Path dir, int port) throws Exception {
        Configuration cfg = EmbeddedBroker.persistence(dir, 1024 * 1024).setSecurityEnabled(false).setJMXManagementEnabled(false)
                .addAcceptorConfiguration("tcp", "tcp://127.0.0.1:" + port + "?protocols=CORE,AMQP");
        EmbeddedBroker.addressSettings(cfg);
        return new EmbeddedActiveMQ().setConfiguration(cfg).start();
    }

    /** Every message on the queue by its body, with the id the node takes for it; then all of them given back. */
    private static Map<String, String> receiveAndRollBack(int port) throws Exception {
        Map<String, String> ids = new LinkedHashMap<>();
        try (ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory("tcp://127.0.0.1:" + port);
             Connection connection = factory.createConnection();
             Session session = connection.createSession(true, Session.SESSION_TRANSACTED)) {
            connection.start();
            String node = BrokerMessageIds.brokerNode(session);
            assertNotNull(node, "the broker's node id");
            MessageConsumer consumer = session.createConsumer(session.createQueue(QUEUE));
            List<Message> all = new ArrayList<>();
            for (Message m = consumer.receive(5_000); m != null; m = consumer.receive(500)) {
                all.add(m);
            }
            for (Message m : all) {
                ids.put(m.getBody(String.class), BrokerMessageIds.of(m, node));
            }
            session.rollback();
        }
        assertTrue(ids.values().stream().allMatch(id -> id != null), ids::toString);
        return ids;
    }
}
