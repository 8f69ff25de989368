package org.pdxhub.hub.messaging;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.qpid.protonj2.client.Client;
import org.apache.qpid.protonj2.client.Connection;
import org.apache.qpid.protonj2.client.Message;
import org.apache.qpid.protonj2.client.Sender;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.pdxhub.hub.exchange.QueueMessages;
import org.pdxhub.hub.store.Sql;
import org.pdxhub.hub.testing.DeadLetterQueue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pdxhub.hub.messaging.DepartmentSystem.POPULATION;
import static org.pdxhub.hub.messaging.DepartmentSystem.PSB;
import static org.pdxhub.hub.messaging.DepartmentSystem.PSB_SYSTEM_KEY;
import static org.pdxhub.hub.messaging.DepartmentSystem.amqp;
import static org.pdxhub.hub.messaging.DepartmentSystem.citizenId;
import static org.pdxhub.hub.messaging.DepartmentSystem.record;
import static org.pdxhub.hub.messaging.DepartmentSystem.send;
import static org.pdxhub.hub.messaging.DepartmentSystem.sendAsPsb;

/**
 * A queue message that cannot pass (a body that is not an array of records, a property too long
 * or holding CR/LF, a resource no longer published) is refused at once, like a REST refusal: one
 * REFUSED usage-log entry naming the sender the broker authenticated, and one dead letter with its
 * reason. It is never redelivered five times and never vanishes without a trace.
 */
@QuarkusTest
public class PoisonQueueMessageTest {

    @ConfigProperty(name = "pdx.broker.amqp-port")
    int amqpPort;

    @Inject
    Sql sql;

    @Inject
    EmbeddedBroker broker;

    @Inject
    QueueMessages queueMessages;

    @Test
    void aPoisonBodyIsRefusedOnceInTheUsageLogAndTheDeadLetterQueue() throws Exception {
        Map<String, String> bodies = Map.of(
                "null-" + UUID.randomUUID(), "[null]",
                "object-" + UUID.randomUUID(), "{\"citizen_id\":\"" + citizenId(301) + "\"}",
                "garbage-" + UUID.randomUUID(), "[{\"citizen_id\":\"" + citizenId(302) + "\",\"person_name\":\"旺堆\"}] trailing",
                "number-" + UUID.randomUUID(), "[1]");
        List<Message<String>> messages = new ArrayList<>();
        for (var b : bodies.entrySet()) {
            Message<String> m = record(citizenId(300), "x", b.getKey());
            m.body(b.getValue());
            messages.add(m);
        }
        sendAsPsb(amqpPort, messages);
        for (String messageId : bodies.keySet()) {
            await().atMost(Duration.ofSeconds(15)).until(() -> refused(messageId, "message.malformed") == 1);
            assertEquals(PSB, sql.one("select organisation from usage_log where message_id = ?", rs -> rs.getString(1), messageId).orElseThrow(),
                    "the sender is the organisation the broker authenticated");
            assertDeadLetteredOnce(messageId);
        }
    }

    @Test
    void aPoisonPropertyIsRefusedWithoutWritingItsValue() throws Exception {
        String longPerson = "trace-" + UUID.randomUUID();
        String longId = "trace-" + UUID.randomUUID();
        String crlf = "trace-" + UUID.randomUUID();
        try (Client client = Client.create();
             Connection connection = amqp(client, amqpPort, PSB, PSB_SYSTEM_KEY);
             Sender sender = connection.openSender("pdx.in." + POPULATION)) {
            Message<String> m = record(citizenId(303), "德吉", "id-" + longPerson);
            m.property("PdxPerson", "张".repeat(300));
            m.property("PdxTraceId", longPerson);
            send(sender, m);
            m = record(citizenId(304), "德吉", "x".repeat(100));
            m.property("PdxTraceId", longId);
            send(sender, m);
            m = record(citizenId(305), "德吉", "id-" + crlf);
            m.property("PdxPerson", "clerk\r\n2026-11-29 INFO forged line");
            m.property("PdxTraceId", crlf);
            send(sender, m);
        }
        await().atMost(Duration.ofSeconds(15)).until(() -> refusedByTrace(longPerson, "message.property-too-long") == 1);
        await().atMost(Duration.ofSeconds(15)).until(() -> refusedByTrace(longId, "message.property-too-long") == 1);
        await().atMost(Duration.ofSeconds(15)).until(() -> refusedByTrace(crlf, "message.property-control-character") == 1);
        assertEquals(1, sql.count("select count(*) from usage_log where trace_id = ? and person is null", crlf),
                "a person with CR/LF is not written to the usage log");
        assertEquals(1, sql.count("select count(*) from usage_log where trace_id = ? and message_id is null", longId),
                "nor an over-long message id");
        String detail = sql.one("select detail from usage_log where trace_id = ?", rs -> rs.getString(1), longPerson).orElseThrow();
        assertTrue(detail.contains("PdxPerson") && detail.contains("300"), detail);
        assertDeadLetteredOnce("id-" + longPerson);
        assertDeadLetteredOnce("id-" + crlf);
    }

    @Test
    void aMessageIdOfOtherCharactersIsRefusedAsRestRefusesItWithoutWritingIt() throws Exception {
        String trace = "trace-" + UUID.randomUUID();
        Message<String> m = record(citizenId(306), "德吉", "../../中文 " + trace.substring(6, 14));
        m.property("PdxTraceId", trace);
        sendAsPsb(amqpPort, m);
        await().atMost(Duration.ofSeconds(15)).until(() -> refusedByTrace(trace, "message.id-invalid") == 1);
        assertEquals(1, sql.count("select count(*) from usage_log where trace_id = ? and message_id is null", trace),
                "the id at fault is not written");
        String detail = sql.one("select detail from usage_log where trace_id = ?", rs -> rs.getString(1), trace).orElseThrow();
        assertTrue(detail.contains("PdxMessageId must be 1 to 64 characters of letters, digits and . _ : ~ -"), detail);
    }

    @Test
    void aLineSeparatorInAPropertyIsRefusedAsRestRefusesIt() throws Exception {
        String trace = "trace-" + UUID.randomUUID();
        String forged = "FORGED-" + UUID.randomUUID();
        Message<String> m = record(citizenId(307), "德吉", "id-" + trace);
        m.property("PdxPerson", "clerk\u20282026-11-29 INFO " + forged);
        m.property("PdxTraceId", trace);
        sendAsPsb(amqpPort, m);
        await().atMost(Duration.ofSeconds(15)).until(() -> refusedByTrace(trace, "message.property-control-character") == 1);
        assertEquals(0, sql.count("select count(*) from usage_log where person like ?", "%" + forged + "%"), "the person is not written");
    }

    @Test
    void aBlankMessageIdIsNoneAndTheBrokersIdNamesTheMessage() {
        String trace = "blank-" + UUID.randomUUID();
        QueueMessages.Received in = queueMessages.read(POPULATION, Map.of("PdxMessageId", "  ", "PdxTraceId", trace,
                BrokerSecurity.SENDER_HEADER, PSB), "[]".getBytes(), "ID:broker-" + trace);
        assertEquals("ID:broker-" + trace, in.messageId());
    }

    @Test
    void aMessageForAResourceNoLongerPublishedIsRefusedWithItsSender() {
        String messageId = "retired-" + UUID.randomUUID();
        // As the inbound queue's consumer hands it over: the broker stamped the sender; the resource was retired meanwhile.
        queueMessages.ingestFromQueue(queueMessages.read("GZ-PSB-RETIRED-001", Map.of("PdxMessageId", messageId,
                BrokerSecurity.SENDER_HEADER, PSB), "[]".getBytes(), "ID:broker-1"));
        assertEquals(1, refused(messageId, "resource.not-published"));
        assertEquals(PSB, sql.one("select organisation from usage_log where message_id = ?", rs -> rs.getString(1), messageId).orElseThrow());
        assertDeadLetteredOnce(messageId);
    }

    private void assertDeadLetteredOnce(String messageId) {
        await().atMost(Duration.ofSeconds(10)).until(() -> deadLetters(messageId).size() == 1);
        // Refused at once, not after the broker's five attempts: the letter is the node's, not the broker's copy.
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> deadLetters(messageId).size() == 1);
        org.apache.activemq.artemis.api.core.Message letter = deadLetters(messageId).get(0);
        assertNull(letter.getStringProperty("_AMQ_ORIG_ADDRESS"), "dead-lettered by the node with its reason, not by redelivery");
        assertTrue(letter.getStringProperty("PdxReason") != null && !letter.getStringProperty("PdxReason").isBlank());
    }

    private List<org.apache.activemq.artemis.api.core.Message> deadLetters(String messageId) {
        return DeadLetterQueue.lettersAbout(broker, messageId);
    }

    private long refused(String messageId, String rule) {
        return sql.count("select count(*) from usage_log where message_id = ? and decision = 'REFUSED' and rule = ?", messageId, rule);
    }

    private long refusedByTrace(String traceId, String rule) {
        return sql.count("select count(*) from usage_log where trace_id = ? and decision = 'REFUSED' and rule = ? and organisation = ?",
                traceId, rule, PSB);
    }
}
