package org.pdxhub.hub.exchange;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.activemq.artemis.api.core.ActiveMQNotConnectedException;
import org.apache.activemq.artemis.core.server.ServerSession;
import org.apache.qpid.protonj2.client.Client;
import org.apache.qpid.protonj2.client.Connection;
import org.apache.qpid.protonj2.client.ConnectionOptions;
import org.apache.qpid.protonj2.client.Message;
import org.apache.qpid.protonj2.client.Sender;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.pdxhub.hub.audit.UsageLog;
import org.pdxhub.hub.messaging.EmbeddedBroker;
import org.pdxhub.hub.store.Sql;
import org.pdxhub.hub.store.Store;
import org.pdxhub.hub.testing.DeadLetterQueue;

import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A department's inbound queue is taken several messages per transaction, and batching walks
 * around none of the gate's guarantees: each message is judged alone (a bad one is dead-lettered
 * with its reason, the others pass), a batch whose usage-log entries cannot be committed delivers
 * nothing, and versions of one record still pass in order and land last one wins, also after a
 * rollback.
 */
@QuarkusTest
public class QueueIngestBatchTest {

    static final String POPULATION = ExchangeFlowTest.POPULATION;
    static final String PSB = "11513300MB0000002H";

    @ConfigProperty(name = "pdx.broker.amqp-port")
    int amqpPort;

    @Inject
    QueueIngest queueIngest;

    @Inject
    UsageLog usageLog;

    @Inject
    Store store;

    @Inject
    Sql sql;

    @Inject
    EmbeddedBroker broker;

    @Inject
    MeterRegistry metrics;

    @Inject
    HazelcastInstance member;

    private Long blockedSeq;

    @AfterEach
    void reopen() throws Exception {
        unblockUsageLog();
        queueIngest.open(POPULATION);
    }

    @Test
    void oneBadMessageInABatchIsDeadLetteredWithItsReasonAndTheOthersPass() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<String> good = new ArrayList<>();
        queueIngest.close(POPULATION);
        double[] before = batches();
        try (Client client = Client.create(); Connection c = connect(client); Sender sender = c.openSender("pdx.in." + POPULATION)) {
            for (int i = 0; i < 10; i++) {
                good.add(send(sender, record(LandingOrderTest.citizenId(150 + i), "好", 1), "good-" + run + "-" + i, "batch-test"));
            }
            send(sender, "[1]", "malformed-" + run, "batch-test");
            send(sender, "[{\"citizen_id\":\"not-an-id\",\"person_name\":\"坏\"}]", "invalid-" + run, "batch-test");
            Message<String> noPurpose = message(record(LandingOrderTest.citizenId(160), "无", 1), "no-purpose-" + run, "batch-test");
            noPurpose.removeProperty("PdxPurpose");
            sender.send(noPurpose).awaitSettlement(10, TimeUnit.SECONDS);
            for (int i = 10; i < 20; i++) {
                good.add(send(sender, record(LandingOrderTest.citizenId(150 + i), "好", 1), "good-" + run + "-" + i, "batch-test"));
            }
            // The same sender's id again, inside the same batch: passed once, logged as a duplicate.
            send(sender, record(LandingOrderTest.citizenId(199), "重复", 1), good.get(3), "batch-test");
        }
        queueIngest.open(POPULATION);
        await().atMost(Duration.ofSeconds(60)).until(() -> landed(good) == good.size());
        double[] after = batches();
        assertTrue(after[1] - before[1] > 2 * (after[0] - before[0]),
                "the messages were not taken several per transaction: this test would prove nothing");
        assertEquals(1, count("malformed-" + run, "REFUSED", "message.malformed"));
        assertEquals(1, count("invalid-" + run, "REFUSED", "validation.no-valid-record"));
        assertEquals(1, count("no-purpose-" + run, "REFUSED", "caller.purpose-missing"));
        for (String id : List.of("malformed-" + run, "invalid-" + run, "no-purpose-" + run)) {
            await().atMost(Duration.ofSeconds(10)).until(() -> deadLetters(id).size() == 1);
            assertNotNull(deadLetters(id).get(0).getStringProperty("PdxReason"), id + " is dead-lettered with its reason");
            assertEquals(0, landed(List.of(id)));
        }
        assertEquals(1, sql.count("select count(*) from usage_log where message_id = ? and decision = 'DELIVERED'", good.get(3)));
        assertEquals(1, sql.count("select count(*) from usage_log where message_id = ? and decision = 'DUPLICATE'", good.get(3)));
    }

    @Test
    void aMessageIdSentTwiceInOneBatchPassesOnceAndTheCopyIsLoggedAsADuplicateOfThatPassage() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String twice = "twice-" + run;
        List<String> others = new ArrayList<>();
        queueIngest.close(POPULATION);
        double[] before = batches();
        try (Client client = Client.create(); Connection c = connect(client); Sender sender = c.openSender("pdx.in." + POPULATION)) {
            send(sender, record(LandingOrderTest.citizenId(170), "一", 1), twice, "batch-test");
            // The copy right behind the first, and with other records: the map knows neither when the batch is read.
            send(sender, record(LandingOrderTest.citizenId(171), "二", 1), twice, "batch-test");
            for (int i = 0; i < 6; i++) {
                others.add(send(sender, record(LandingOrderTest.citizenId(172 + i), "三", 1), "other-" + run + "-" + i, "batch-test"));
            }
        }
        queueIngest.open(POPULATION);
        await().atMost(Duration.ofSeconds(60)).until(() -> landed(others) == others.size() && count(twice, "DUPLICATE", "message.duplicate") == 1);
        double[] after = batches();
        assertTrue(after[1] - before[1] > 2 * (after[0] - before[0]),
                "the messages were not taken several per transaction: this test would prove nothing");
        assertEquals(1, delivered(List.of(twice)), "the id passes the gate once");
        long first = sql.one("select seq from usage_log where message_id = ? and decision = 'DELIVERED'", rs -> rs.getLong(1), twice).orElseThrow();
        String detail = sql.one("select detail from usage_log where message_id = ? and decision = 'DUPLICATE'", rs -> rs.getString(1), twice)
                .orElseThrow();
        assertTrue(detail.contains("seq " + first), "the copy names the passage it repeats: " + detail);
        assertEquals(1, sql.count("select count(*) from landed_message where message_id = ?", twice), "the id landed once");
    }

    @Test
    void anIdAnotherNodeOfThePlatformRememberedIsADuplicateInABatchHereAndAPlantedOneStillPasses() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String passed = "elsewhere-" + run;
        String planted = "planted-" + run;
        try (Client client = Client.create(); Connection c = connect(client); Sender sender = c.openSender("pdx.in." + POPULATION)) {
            send(sender, record(LandingOrderTest.citizenId(180), "一", 1), passed, "batch-test");
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> delivered(List.of(passed)) == 1);
        long first = sql.one("select seq from usage_log where message_id = ? and decision = 'DELIVERED'", rs -> rs.getLong(1), passed).orElseThrow();
        // The platform's map is shared: what another member remembers is what this node reads (and this node's own entry is gone).
        IMap<String, Long> seen = member.getMap(IngestIdempotency.MAP);
        seen.remove(IngestIdempotency.key(POPULATION, PSB, passed));
        await().atMost(Duration.ofSeconds(10)).until(() -> !seen.containsKey(IngestIdempotency.key(POPULATION, PSB, passed)));
        seen.set(IngestIdempotency.key(POPULATION, PSB, passed), first);
        // And what anyone can write in it: an id the usage log does not bear out.
        seen.set(IngestIdempotency.key(POPULATION, PSB, planted), first);
        List<String> others = new ArrayList<>();
        queueIngest.close(POPULATION);
        double[] before = batches();
        try (Client client = Client.create(); Connection c = connect(client); Sender sender = c.openSender("pdx.in." + POPULATION)) {
            others.add(send(sender, record(LandingOrderTest.citizenId(181), "二", 1), "before-" + run, "batch-test"));
            send(sender, record(LandingOrderTest.citizenId(180), "一", 1), passed, "batch-test");
            others.add(send(sender, record(LandingOrderTest.citizenId(182), "三", 1), planted, "batch-test"));
            others.add(send(sender, record(LandingOrderTest.citizenId(183), "四", 1), "after-" + run, "batch-test"));
        }
        queueIngest.open(POPULATION);
        await().atMost(Duration.ofSeconds(60)).until(() -> landed(others) == others.size() && count(passed, "DUPLICATE", "message.duplicate") == 1);
        double[] after = batches();
        assertTrue(after[1] - before[1] > 2 * (after[0] - before[0]),
                "the messages were not taken several per transaction: this test would prove nothing");
        assertEquals(1, delivered(List.of(passed)), "passed once on the platform, not again here");
        assertEquals(1, delivered(List.of(planted)), "a planted id does not make a message vanish");
        assertEquals(0, count(planted, "DUPLICATE", "message.duplicate"));
    }

    @Test
    void aBatchWhoseUsageLogEntriesCannotBeCommittedDeliversNothing() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<String> ids = new ArrayList<>();
        queueIngest.close(POPULATION);
        try (Client client = Client.create(); Connection c = connect(client); Sender sender = c.openSender("pdx.in." + POPULATION)) {
            for (int i = 0; i < 10; i++) {
                ids.add(send(sender, record(LandingOrderTest.citizenId(170 + i), "闭", 1), "closed-" + run + "-" + i, "batch-test"));
            }
        }
        long head = usageLog.head().seq();
        double rolledBackBefore = rolledBack();
        blockUsageLog(head + 1);
        queueIngest.open(POPULATION);
        await().atMost(Duration.ofSeconds(30)).until(() -> rolledBack() > rolledBackBefore);
        // Had any send left the transaction, it would reach pdx.agg and land while the usage log is refused.
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2)).until(() -> landed(ids) == 0 && delivered(ids) == 0);
        unblockUsageLog();
        await().atMost(Duration.ofSeconds(60)).until(() -> landed(ids) == ids.size());
        for (String id : ids) {
            assertEquals(1, sql.count("select count(*) from usage_log where message_id = ? and decision = 'DELIVERED'", id),
                    "one passage logged per message, none left over from the batch that rolled back");
        }
        UsageLog.Verification walk = usageLog.verify(Math.max(1, head - 1));
        assertTrue(walk.intact(), walk.problem());
    }

    /**
     * One message of a batch of 50 that the node fails on every time (here the store refuses its
     * passage's usage-log entry; in life, a fault of the node that this message's content brings
     * out) must not hold the other 49 back, nor be tried for ever, nor leave only the broker's
     * bare move to pdx.dlq: the 49 land once each, it lands never and is dead-lettered once, in the
     * one format, with how often it failed and the failure's kind, replayable once the node is mended.
     */
    @Test
    void aMessageTheNodeFailsOnEveryTimeIsDeadLetteredWithItsReasonAndTheOther49OfItsBatchLand() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String poison = "poison-" + run;
        List<String> good = new ArrayList<>();
        queueIngest.close(POPULATION);
        double rolledBackBefore = rolledBack();
        try (Client client = Client.create(); Connection c = connect(client); Sender sender = c.openSender("pdx.in." + POPULATION)) {
            for (int i = 0; i < 50; i++) {
                if (i == 24) {
                    send(sender, record(LandingOrderTest.citizenId(300 + i), "毒", 1), poison, "poison-batch");
                } else {
                    good.add(send(sender, record(LandingOrderTest.citizenId(300 + i), "好", 1), "healthy-" + run + "-" + i, "poison-batch"));
                }
            }
        }
        execute("alter table usage_log add constraint poison_" + run + " check (not (message_id = '" + poison + "' and decision = 'DELIVERED'))");
        try {
            queueIngest.open(POPULATION);
            await().atMost(Duration.ofSeconds(90)).until(() -> landed(good) == good.size() && deadLetters(poison).size() == 1);
        } finally {
            execute("alter table usage_log drop constraint poison_" + run);
        }
        assertTrue(rolledBack() - rolledBackBefore >= 2, "the poison never rolled a batch back: this test would prove nothing");
        var letter = deadLetters(poison).get(0);
        assertEquals(QueueMessages.FAILED_EVERY_DELIVERY, letter.getStringProperty("PdxRule"), "the node's own letter, not the broker's move");
        String reason = letter.getStringProperty("PdxReason");
        assertTrue(reason.contains("each of its 4 deliveries") && reason.contains("Exception"), reason);
        assertTrue(letter.getBooleanProperty("PdxDeadLetterReplayable"), "a failure of the node is replayable once it is mended");
        assertEquals(null, letter.getStringProperty("_AMQ_ORIG_ADDRESS"), "moved by the broker, without its reason");
        assertEquals(0, landed(List.of(poison)));
        assertEquals(0, delivered(List.of(poison)));
        assertEquals(1, count(poison, "FAILED", QueueMessages.FAILED_EVERY_DELIVERY));
        for (String id : good) {
            assertEquals(1, sql.count("select count(*) from usage_log where message_id = ? and decision = 'DELIVERED'", id),
                    id + " passed once, though its batch was rolled back");
            assertEquals(1, sql.count("select count(*) from landed_message where message_id = ?", id), id + " landed once");
        }
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2)).until(() -> deadLetters(poison).size() == 1);
    }

    /**
     * The queue's consumers are cut off from the broker while they pass a stream of batches, as a
     * crash of their connection would: what they had not committed comes back from the broker and
     * passes again, so every accepted message lands, and none lands twice.
     */
    @Test
    void consumersCutOffFromTheBrokerMidBatchLoseNoAcceptedMessageAndLandNoneTwice() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String prefix = "cut-" + run + "-";
        int sent = 250;
        queueIngest.close(POPULATION);
        try (Client client = Client.create(); Connection c = connect(client); Sender sender = c.openSender("pdx.in." + POPULATION)) {
            for (int i = 0; i < sent; i++) {
                send(sender, record(LandingOrderTest.citizenId(i), "断", 1), prefix + i, "cut-batch");
            }
        }
        queueIngest.open(POPULATION);
        await().atMost(Duration.ofSeconds(60)).until(() -> landedWith(prefix) >= 10);
        int cut = cutOffConsumersOf("pdx.in." + POPULATION);
        long landedWhenCut = landedWith(prefix);
        assertTrue(cut > 0, "no consumer was cut off: this test would prove nothing");
        assertTrue(landedWhenCut < sent, "everything had landed before the cut: this test would prove nothing");
        await().atMost(Duration.ofSeconds(120)).until(() -> landedWith(prefix) == sent);
        assertEquals(sent, sql.count("select count(*) from dataset_record where resource_code = ? and message_id like ?", POPULATION,
                prefix + "%"), "each message's record held once");
        assertEquals(0, sql.count("select count(*) from (select message_id from landed_message where message_id like ?"
                + " group by message_id having count(*) > 1) twice", prefix + "%"), "a message landed twice");
        assertEquals(sent, sql.count("select count(distinct message_id) from usage_log where message_id like ? and decision = 'DELIVERED'",
                prefix + "%"), "every message passed the gate");
    }

    @Test
    void versionsOfOneRecordSentFastLandLastOneWinsAlsoAfterARollback() throws Exception {
        // One consumer per queue since several were found to pass a message out of order (QueueOrderWhileOpenTest).
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<String> keys = List.of(LandingOrderTest.citizenId(201), LandingOrderTest.citizenId(202), LandingOrderTest.citizenId(203));
        List<String> sent = new ArrayList<>();
        int versions = 60;
        queueIngest.close(POPULATION);
        try (Client client = Client.create(); Connection c = connect(client); Sender sender = c.openSender("pdx.in." + POPULATION)) {
            for (int v = 1; v <= versions / 2; v++) {
                for (String key : keys) {
                    sent.add(send(sender, record(key, "序列", v), "order-" + run + "-" + key + "-" + v, "order-batch"));
                }
            }
            double rolledBackBefore = rolledBack();
            blockUsageLog(usageLog.head().seq() + 1);
            queueIngest.open(POPULATION);
            await().atMost(Duration.ofSeconds(30)).until(() -> rolledBack() > rolledBackBefore);
            unblockUsageLog();
            for (int v = versions / 2 + 1; v <= versions; v++) {
                for (String key : keys) {
                    sent.add(send(sender, record(key, "序列", v), "order-" + run + "-" + key + "-" + v, "order-batch"));
                }
            }
        }
        await().atMost(Duration.ofSeconds(90)).until(() -> landed(sent) == sent.size());
        List<String> held = sql.list("select message_id from dataset_record where resource_code = ? and message_id like ?",
                rs -> rs.getString(1), POPULATION, "order-" + run + "-%");
        assertEquals(keys.size(), held.size(), "one record per key: " + held);
        for (String messageId : held) {
            assertTrue(messageId.endsWith("-" + versions), "a record holds an earlier version than the last sent: " + held);
        }
        List<String> order = sql.list("select message_id from usage_log where person = 'order-batch' and decision = 'DELIVERED'"
                + " and message_id like ? order by seq", rs -> rs.getString(1), "order-" + run + "-" + keys.get(0) + "-%");
        assertEquals(versions, order.size(), "one passage per version");
        for (int v = 1; v <= versions; v++) {
            assertEquals("order-" + run + "-" + keys.get(0) + "-" + v, order.get(v - 1), "versions passed the gate out of order: " + order);
        }
    }

    private static String record(String citizenId, String name, int version) {
        return "[{\"citizen_id\":\"" + citizenId + "\",\"person_name\":\"" + name + "\",\"mobile\":\"1390000" + String.format("%04d", version)
                + "\"}]";
    }

    private Connection connect(Client client) throws Exception {
        Connection connection = client.connect("127.0.0.1", amqpPort, new ConnectionOptions().user(PSB).password("demo-system"));
        connection.openFuture().get(10, TimeUnit.SECONDS);
        return connection;
    }

    private static Message<String> message(String body, String messageId, String person) throws Exception {
        Message<String> m = Message.create(body);
        m.property("PdxPerson", person);
        m.property("PdxPurpose", "人口基础信息汇聚");
        m.property("PdxMessageId", messageId);
        return m;
    }

    private static String send(Sender sender, String body, String messageId, String person) throws Exception {
        sender.send(message(body, messageId, person)).awaitSettlement(10, TimeUnit.SECONDS);
        return messageId;
    }

    /** A row where the usage log's next entry must go: the store refuses the next commit. */
    private void blockUsageLog(long seq) throws Exception {
        try (var c = store.dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("insert into usage_log (node_id, seq, at, decision, hash, prev_hash, record_count,"
                     + " rejected_count) values (?, ?, current_timestamp, 'DELIVERED', 'x', 'x', 0, 0)")) {
            ps.setString(1, usageLog.nodeId());
            ps.setLong(2, seq);
            ps.executeUpdate();
        }
        blockedSeq = seq;
    }

    /** Fails the broker connections of the sessions that consume {@code queue}, as a crash of the connection would. */
    private int cutOffConsumersOf(String queue) {
        int cut = 0;
        for (ServerSession session : broker.server().getSessions()) {
            if (session.getServerConsumers().stream().anyMatch(c -> c.getQueue().getName().toString().equals(queue))) {
                session.getRemotingConnection().fail(new ActiveMQNotConnectedException("cut off by the test"));
                cut++;
            }
        }
        return cut;
    }

    private long landedWith(String prefix) {
        return sql.count("select count(distinct message_id) from landed_message where message_id like ?", prefix + "%");
    }

    private void execute(String statement) throws Exception {
        try (var c = store.dataSource().getConnection(); var st = c.createStatement()) {
            st.execute(statement);
        }
    }

    private void unblockUsageLog() throws Exception {
        if (blockedSeq == null) {
            return;
        }
        try (var c = store.dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("delete from usage_log where node_id = ? and seq = ? and hash = 'x'")) {
            ps.setString(1, usageLog.nodeId());
            ps.setLong(2, blockedSeq);
            ps.executeUpdate();
        }
        blockedSeq = null;
    }

    private long landed(List<String> messageIds) {
        return messageIds.stream().filter(id -> sql.count("select count(*) from landed_message where message_id = ?", id) > 0).count();
    }

    private long delivered(List<String> messageIds) {
        return messageIds.stream().mapToLong(id -> sql.count("select count(*) from usage_log where message_id = ? and decision = 'DELIVERED'", id))
                .sum();
    }

    private long count(String messageId, String decision, String rule) {
        return sql.count("select count(*) from usage_log where message_id = ? and decision = ? and rule = ?", messageId, decision, rule);
    }

    private double rolledBack() {
        var counter = metrics.find(QueueIngest.BATCHES).tag("resource", POPULATION).tag("outcome", "rolled-back").counter();
        return counter == null ? 0 : counter.count();
    }

    /** Transactions committed and messages in them, so far. */
    private double[] batches() {
        var sizes = metrics.find("pdx.ingest.batch.messages").tag("resource", POPULATION).summary();
        return sizes == null ? new double[]{0, 0} : new double[]{sizes.count(), sizes.totalAmount()};
    }

    private List<org.apache.activemq.artemis.api.core.Message> deadLetters(String messageId) {
        return DeadLetterQueue.lettersAbout(broker, messageId);
    }
}
