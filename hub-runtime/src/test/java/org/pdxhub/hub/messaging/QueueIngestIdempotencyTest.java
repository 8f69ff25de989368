package org.pdxhub.hub.messaging;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.qpid.protonj2.client.Client;
import org.apache.qpid.protonj2.client.Connection;
import org.apache.qpid.protonj2.client.Sender;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.pdxhub.hub.store.Sql;

import java.time.Duration;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.pdxhub.hub.messaging.DepartmentSystem.POPULATION;
import static org.pdxhub.hub.messaging.DepartmentSystem.PSB;
import static org.pdxhub.hub.messaging.DepartmentSystem.PSB_SYSTEM_KEY;
import static org.pdxhub.hub.messaging.DepartmentSystem.amqp;
import static org.pdxhub.hub.messaging.DepartmentSystem.citizenId;
import static org.pdxhub.hub.messaging.DepartmentSystem.record;
import static org.pdxhub.hub.messaging.DepartmentSystem.send;

/** A message a department system sends again passes the gate once; one that failed in the node is tried again. */
@QuarkusTest
public class QueueIngestIdempotencyTest {

    @ConfigProperty(name = "pdx.broker.amqp-port")
    int amqpPort;

    @Inject
    Sql sql;

    @Test
    void theSameMessageSentTwicePassesTheGateOnce() throws Exception {
        String twice = "twice-" + UUID.randomUUID();
        String after = "after-" + UUID.randomUUID();
        try (Client client = Client.create();
             Connection connection = amqp(client, amqpPort, PSB, PSB_SYSTEM_KEY);
             Sender sender = connection.openSender("pdx.in." + POPULATION)) {
            send(sender, record(citizenId(201), "旺堆", twice));
            send(sender, record(citizenId(201), "旺堆", twice));
            send(sender, record(citizenId(202), "德吉", after));
        }
        // One consumer takes the queue in order: once the third is through, so is the second.
        await().atMost(Duration.ofSeconds(15)).until(() -> delivered(after) == 1);
        assertEquals(1, delivered(twice), "DELIVERED entries in the usage log for the message sent twice");
    }

    @Test
    void aMessageTheNodeFailedToPassIsTriedAgainAndPassesOnce() throws Exception {
        String messageId = "retried-" + UUID.randomUUID();
        sql.update("alter table usage_log rename to usage_log_away");
        try {
            try (Client client = Client.create();
                 Connection connection = amqp(client, amqpPort, PSB, PSB_SYSTEM_KEY);
                 Sender sender = connection.openSender("pdx.in." + POPULATION)) {
                send(sender, record(citizenId(203), "次旦", messageId));
            }
            // The first attempt fails on the missing usage log; the broker redelivers after 0.2 s, 0.4 s, 0.8 s...
            Thread.sleep(300);
        } finally {
            sql.update("alter table usage_log_away rename to usage_log");
        }
        await().atMost(Duration.ofSeconds(15)).until(() -> delivered(messageId) == 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> sql.count("select count(*) from dataset_record where message_id = ?", messageId) == 1);
        assertEquals(1, delivered(messageId));
    }

    private long delivered(String messageId) {
        return sql.count("select count(*) from usage_log where message_id = ? and decision = 'DELIVERED'", messageId);
    }
}
