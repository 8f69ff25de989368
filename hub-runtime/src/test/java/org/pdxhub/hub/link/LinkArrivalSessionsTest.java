package org.pdxhub.hub.link;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.pdxhub.hub.messaging.EmbeddedBroker;
import org.pdxhub.hub.store.Sql;
import org.pdxhub.hub.testing.ChildOverRest;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pdxhub.hub.testing.DemoKeys.PSB;
import static org.pdxhub.hub.testing.DemoKeys.as;

/**
 * A child node's messages over a REST link ({@code POST /api/v1/links/in}) are put on
 * {@code pdx.link.in} on the node's pooled sessions: a peer sending one message after another
 * opened, logged in and closed a broker connection for each of them before, as every send through
 * the node's Camel component outside a consumer did.
 */
@QuarkusTest
@TestProfile(ChildOverRest.class)
class LinkArrivalSessionsTest {

    private static final String POPULATION = "GZ-PSB-POP-001";

    @Inject
    EmbeddedBroker broker;

    @Inject
    Sql sql;

    @Test
    void aChildsMessagesAreSentOnOneConnection() {
        String run = "link-sessions-" + UUID.randomUUID() + "-";
        sendUp(run + "first", "3f1c0e5a9b7d2c4e6f8a0b1c2d3e4f00");
        long connectionsBefore = broker.server().getTotalConnectionCount();
        for (int i = 0; i < 20; i++) {
            sendUp(run + i, "3f1c0e5a9b7d2c4e6f8a0b1c2d3e4f" + String.format("%02d", i + 1));
        }
        long opened = broker.server().getTotalConnectionCount() - connectionsBefore;
        // Two allow for the node's other work (a scheduled job's send) during the test.
        assertTrue(opened <= 2, "20 messages over the link, one after another, opened " + opened + " connections to the broker");
        await().atMost(Duration.ofSeconds(30)).until(() -> sql.list("select message_id from landed_message where message_id like ?",
                rs -> rs.getString(1), run + "%").size() == 21);
    }

    private static void sendUp(String messageId, String pseudonym) {
        Map<String, String> headers = Map.of("PdxResource", POPULATION, "PdxMessageId", messageId, "PdxDirection", "UP",
                "PdxSourceNode", "luding-county", "PdxProvider", PSB, "PdxPerson", "泸定县公安局人口系统",
                "PdxPurpose", "人口基础信息汇聚", "PdxMasked", "{\"citizen_id\":\"pseudonym(sm3)\"}");
        as("demo-system").body(Map.of("headers", headers, "records", List.of(Map.of("citizen_id", pseudonym, "person_name", "次*"))))
                .post("/api/v1/links/in").then().statusCode(202);
    }
}
