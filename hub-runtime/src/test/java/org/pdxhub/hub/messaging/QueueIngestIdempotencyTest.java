package org.pdxhub.hub.messaging;

import io.quarkus.test.junit.QuarkusTest;
import com.hazelcast.core.HazelcastInstance;
import jakarta.inject.Inject;
import org.apache.qpid.protonj2.client.Message;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.pdxhub.hub.exchange.IngestIdempotency;
import org.pdxhub.hub.store.Sql;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pdxhub.hub.messaging.DepartmentSystem.POPULATION;
import static org.pdxhub.hub.messaging.DepartmentSystem.PSB;
import static org.pdxhub.hub.messaging.DepartmentSystem.citizenId;
import static org.pdxhub.hub.messaging.DepartmentSystem.record;
import static org.pdxhub.hub.messaging.DepartmentSystem.sendAsPsb;
import static org.pdxhub.hub.testing.DemoKeys.system;

/**
 * A message a department system sends again passes the gate once and is logged as a duplicate of
 * that passage; one that failed in the node is tried again; an id planted in the cluster's map
 * cannot make a message vanish.
 */
@QuarkusTest
public class QueueIngestIdempotencyTest {

    @ConfigProperty(name = "pdx.broker.amqp-port")
    int amqpPort;

    @Inject
    Sql sql;

    @Inject
    HazelcastInstance member;

    @Test
    void theSameMessageSentTwicePassesTheGateOnce() throws Exception {
        String twice = "twice-" + UUID.randomUUID();
        String after = "after-" + UUID.randomUUID();
        sendAsPsb(amqpPort, record(citizenId(201), "旺堆", twice), record(citizenId(201), "旺堆", twice), record(citizenId(202), "德吉", after));
        // One consumer takes the queue in order: once the third is through, so is the second.
        await().atMost(Duration.ofSeconds(15)).until(() -> delivered(after) == 1);
        assertEquals(1, delivered(twice), "DELIVERED entries in the usage log for the message sent twice");
        long firstSeq = sql.one("select seq from usage_log where message_id = ? and decision = 'DELIVERED'", rs -> rs.getLong(1), twice).orElseThrow();
        String duplicate = sql.one("select detail from usage_log where message_id = ? and decision = 'DUPLICATE' and organisation = ?",
                rs -> rs.getString(1), twice, PSB).orElseThrow();
        assertTrue(duplicate.contains("seq " + firstSeq), "the copy is logged as a duplicate of the first passage: " + duplicate);
    }

    /** One sender's message id names one message on every way in: posted over REST, then sent again on the queue. */
    @Test
    void aMessagePostedOverRestAndSentAgainOnTheQueuePassesTheGateOnce() throws Exception {
        String id = "both-" + UUID.randomUUID();
        String after = "after-" + UUID.randomUUID();
        long first = system().header("Pdx-Person", "公安局人口系统").header("Pdx-Purpose", "人口基础信息汇聚").header("Pdx-Message-Id", id)
                .body("[{\"citizen_id\":\"" + citizenId(231) + "\",\"person_name\":\"旺堆\"}]")
                .when().post("/api/v1/exchange/" + POPULATION + "/records")
                .then().log().ifValidationFails().statusCode(202).extract().jsonPath().getLong("usageLogSeq");
        sendAsPsb(amqpPort, record(citizenId(231), "旺堆", id), record(citizenId(232), "德吉", after));
        await().atMost(Duration.ofSeconds(15)).until(() -> delivered(after) == 1);
        assertEquals(1, delivered(id), "DELIVERED entries for the message posted and then queued");
        String duplicate = sql.one("select detail from usage_log where message_id = ? and decision = 'DUPLICATE' and organisation = ?",
                rs -> rs.getString(1), id, PSB).orElseThrow();
        assertTrue(duplicate.contains("seq " + first), "the queued copy names the REST passage: " + duplicate);
    }

    @Test
    void anIdPreSeededInTheClusterMapNeverMakesAMessageVanish() throws Exception {
        String messageId = "seeded-" + UUID.randomUUID();
        // What a Hazelcast client on the member port could do: claim the id was seen.
        member.getMap(IngestIdempotency.MAP).set(IngestIdempotency.key(POPULATION, PSB, messageId), 1L);
        member.getMap(IngestIdempotency.MAP).set(POPULATION + "/" + messageId, "seen");
        sendAsPsb(amqpPort, record(citizenId(211), "旺堆", messageId));
        // The usage log, not the map, says whether it passed before: it had not, so it passes now.
        await().atMost(Duration.ofSeconds(15)).until(() -> delivered(messageId) == 1);
        assertEquals(0, sql.count("select count(*) from usage_log where message_id = ? and decision = 'DUPLICATE'", messageId));
    }

    @Test
    void aMessageTheNodeFailedToPassIsTriedAgainAndPassesOnce() throws Exception {
        String messageId = "retried-" + UUID.randomUUID();
        sql.update("alter table usage_log rename to usage_log_away");
        try {
            sendAsPsb(amqpPort, record(citizenId(203), "次旦", messageId));
            // The first attempt fails on the missing usage log; the broker redelivers after 0.2 s, 0.4 s, 0.8 s...
            Thread.sleep(300);
        } finally {
            sql.update("alter table usage_log_away rename to usage_log");
        }
        await().atMost(Duration.ofSeconds(15)).until(() -> delivered(messageId) == 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> sql.count("select count(*) from dataset_record where message_id = ?", messageId) == 1);
        assertEquals(1, delivered(messageId));
    }

    /**
     * A sender that names its messages the AMQP way (the message-id), not with {@code PdxMessageId}:
     * Artemis hands a core consumer a new random {@code JMSMessageID} for such a message at each
     * delivery, so a message sent again, or redelivered after its passage, passed again.
     */
    @Test
    void aMessageSentTwiceUnderTheSameAmqpMessageIdPassesTheGateOnce() throws Exception {
        String amqpId = "amqp-" + UUID.randomUUID();
        String after = "after-" + UUID.randomUUID();
        Message<String> first = Message.create("[{\"citizen_id\":\"" + citizenId(221) + "\",\"person_name\":\"旺堆\"}]").messageId(amqpId);
        Message<String> again = Message.create("[{\"citizen_id\":\"" + citizenId(221) + "\",\"person_name\":\"旺堆\"}]").messageId(amqpId);
        for (Message<String> m : List.of(first, again)) {
            m.property("PdxPerson", "公安局人口系统");
            m.property("PdxPurpose", "人口基础信息汇聚");
        }
        sendAsPsb(amqpPort, first, again, record(citizenId(222), "德吉", after));
        await().atMost(Duration.ofSeconds(15)).until(() -> delivered(after) == 1);
        String id = "ID:AMQP_NO_PREFIX:" + amqpId;
        assertEquals(1, delivered(id), "DELIVERED entries for the message sent twice under one AMQP message-id");
        assertEquals(1, sql.count("select count(*) from usage_log where message_id = ? and decision = 'DUPLICATE'", id));
    }

    private long delivered(String messageId) {
        return sql.count("select count(*) from usage_log where message_id = ? and decision = 'DELIVERED'", messageId);
    }
}
