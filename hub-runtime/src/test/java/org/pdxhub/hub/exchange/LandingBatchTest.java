package org.pdxhub.hub.exchange;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import org.junit.jupiter.api.Test;
import org.pdxhub.hub.envelope.Headers;
import org.pdxhub.hub.messaging.Addresses;
import org.pdxhub.hub.messaging.EmbeddedBroker;
import org.pdxhub.hub.store.Sql;
import org.pdxhub.hub.testing.DeadLetterQueue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The aggregation queue is landed several messages per store transaction, and sharing a commit
 * walks around none of landing's guarantees: a message whose record the store refuses fails
 * alone and is dead-lettered with its reason while the others of its batch land, and a message
 * delivered twice lands once.
 */
@QuarkusTest
public class LandingBatchTest {

    static final String POPULATION = ExchangeFlowTest.POPULATION;
    static final String PSB = "11513300MB0000002H";

    @Inject
    ConnectionFactory connectionFactory;

    @Inject
    EmbeddedBroker broker;

    @Inject
    Sql sql;

    @Inject
    MeterRegistry metrics;

    @Test
    void aMessageWhoseRecordTheStoreRefusesIsDeadLetteredWithItsReasonAndTheOthersOfItsBatchLand() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        // A key longer than dataset_record.record_key holds: the store refuses the record (SQLSTATE 22001), every time.
        String tooLong = "9".repeat(300);
        List<String> good = new ArrayList<>();
        List<Sent> sent = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            String id = "lb-" + run + "-" + i;
            String key = i == 17 ? tooLong : "LB" + run + i;
            sent.add(new Sent(id, "[{\"citizen_id\":\"" + key + "\",\"person_name\":\"批\"}]", null, i + 1));
            if (i != 17) {
                good.add(id);
            }
        }
        String refused = "lb-" + run + "-17";
        double[] before = batches();
        sendInOneTransaction(sent);

        await().atMost(Duration.ofSeconds(60)).until(() -> landed(good) == good.size() && deadLetters(refused).size() == 1);
        double[] after = batches();
        assertTrue(after[1] - before[1] > after[0] - before[0],
                "no batch held more than one message: this test would prove nothing (" + (after[0] - before[0]) + " batches, "
                        + (after[1] - before[1]) + " messages)");
        for (String id : good) {
            assertEquals(1, sql.count("select count(*) from dataset_record where message_id = ?", id), id + "'s record is held");
        }
        assertEquals(0, landed(List.of(refused)), "the refused message is not marked landed");
        var letter = deadLetters(refused).get(0);
        assertEquals(LandingBatches.UNLANDABLE, letter.getStringProperty(Headers.RULE));
        String reason = letter.getStringProperty(Headers.REASON);
        assertNotNull(reason, "the letter says why");
        assertFalse(reason.contains("999999"), "the reason quotes no value of the record: " + reason);
        assertEquals(PSB, letter.getStringProperty("PdxDeadLetterOrg"), "the letter names the provider");
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(3)).until(() -> deadLetters(refused).size() == 1);
    }

    @Test
    void aMessageDeliveredTwiceInOneBatchLandsOnce() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String id = "lb-twice-" + run;
        String key = "LBTWICE" + run;
        // One group: the broker gives both copies to one consumer, one after the other.
        sendInOneTransaction(List.of(
                new Sent(id, "[{\"citizen_id\":\"" + key + "\",\"person_name\":\"一\"}]", "twice-" + run, 1),
                new Sent(id, "[{\"citizen_id\":\"" + key + "\",\"person_name\":\"二\"}]", "twice-" + run, 2),
                new Sent(id + "-after", "[{\"citizen_id\":\"" + key + "-after\",\"person_name\":\"三\"}]", "twice-" + run, 3)));

        await().atMost(Duration.ofSeconds(60)).until(() -> landed(List.of(id + "-after")) == 1);
        assertEquals(1, landed(List.of(id)), "one landed_message row");
        List<String> held = sql.list("select payload from dataset_record where resource_code = ? and record_key = ?", rs -> rs.getString(1),
                POPULATION, key);
        assertEquals(1, held.size());
        assertTrue(held.get(0).contains("一"), "the copy delivered second is skipped, not applied: " + held.get(0));
    }

    @Test
    void aBatchOfMessagesOverTheBrokersLargeMessageSizeLandsEveryRecord() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<Sent> sent = new ArrayList<>();
        int records = 2_000;
        for (int i = 0; i < 4; i++) {
            StringBuilder body = new StringBuilder("[");
            for (int r = 0; r < records; r++) {
                body.append(r == 0 ? "" : ",").append("{\"citizen_id\":\"LBBIG").append(run).append(i).append('-').append(r)
                        .append("\",\"person_name\":\"大\",\"address\":\"").append("甘孜州康定市".repeat(10)).append("\"}");
            }
            sent.add(new Sent("lb-big-" + run + "-" + i, body.append(']').toString(), "big-" + run, i + 1));
        }
        assertTrue(sent.get(0).body().getBytes(StandardCharsets.UTF_8).length > EmbeddedBroker.NODE_MIN_LARGE_MESSAGE_SIZE,
                "a message under the node's large-message size is not a large message: this test would prove nothing");
        sendInOneTransaction(sent);

        List<String> ids = sent.stream().map(Sent::messageId).toList();
        await().atMost(Duration.ofSeconds(60)).until(() -> landed(ids) == ids.size() || ids.stream().anyMatch(id -> !deadLetters(id).isEmpty()));
        for (String id : ids) {
            assertEquals(List.of(), deadLetters(id), id + " is not dead-lettered");
            assertEquals(records, sql.count("select count(*) from dataset_record where message_id = ?", id), "every record of " + id + " is held");
        }
    }

    private record Sent(String messageId, String body, String group, long passageSeq) {
    }

    /** As the gate sends on: one broker transaction, so the messages are there for landing together. */
    private void sendInOneTransaction(List<Sent> messages) throws Exception {
        try (Connection connection = connectionFactory.createConnection()) {
            Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
            MessageProducer producer = session.createProducer(session.createQueue(Addresses.AGGREGATION));
            for (Sent s : messages) {
                BytesMessage m = session.createBytesMessage();
                m.writeBytes(s.body().getBytes(StandardCharsets.UTF_8));
                m.setStringProperty(Headers.RESOURCE, POPULATION);
                m.setIntProperty(Headers.RESOURCE_VERSION, 1);
                m.setStringProperty(Headers.PROVIDER, PSB);
                m.setStringProperty(Headers.MESSAGE_ID, s.messageId());
                m.setLongProperty(Headers.PASSAGE_SEQ, Long.MAX_VALUE / 2 + s.passageSeq());
                if (s.group() != null) {
                    m.setStringProperty(Headers.GROUP, s.group());
                }
                producer.send(m);
            }
            session.commit();
        }
    }

    private long landed(List<String> messageIds) {
        return messageIds.stream().mapToLong(id -> sql.count("select count(*) from landed_message where sender_org = ? and message_id = ?", PSB, id))
                .sum();
    }

    /** Transactions committed on pdx.agg and the messages in them, so far. */
    private double[] batches() {
        var sizes = metrics.find("pdx.landing.batch.messages").summary();
        return sizes == null ? new double[]{0, 0} : new double[]{sizes.count(), sizes.totalAmount()};
    }

    private List<org.apache.activemq.artemis.api.core.Message> deadLetters(String messageId) {
        return DeadLetterQueue.lettersAbout(broker, messageId);
    }
}
