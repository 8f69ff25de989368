package org.pdxhub.hub.exchange;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.activemq.artemis.api.core.ActiveMQException;
import org.apache.activemq.artemis.spi.core.protocol.RemotingConnection;
import org.junit.jupiter.api.Test;
import org.pdxhub.hub.messaging.Addresses;
import org.pdxhub.hub.messaging.EmbeddedBroker;
import org.pdxhub.hub.messaging.SendingSessions;
import org.pdxhub.hub.store.Sql;
import org.pdxhub.hub.testing.DeadLetterQueue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pdxhub.hub.testing.DemoKeys.system;

/**
 * Passages that begin outside a queue's consumer (records and documents over REST here; a
 * connector's batch and a route's {@code pdx:ingest} take the same way, and a peer's messages over
 * a REST link, {@code link.LinkArrivalSessionsTest}) send on the node's pooled sessions: one
 * connection to the broker, not one per message, every message landed, and a connection the
 * broker drops replaced.
 */
@QuarkusTest
public class SendingSessionsTest {

    private static final String POPULATION = ExchangeFlowTest.POPULATION;

    @Inject
    EmbeddedBroker broker;

    @Inject
    SendingSessions sessions;

    @Inject
    Sql sql;

    @Test
    void manyMessagesFromRestAreSentOnOneConnection() {
        assertEquals(202, post("sessions-a-0", citizenId("51330119910101", 99)));
        long connectionsBefore = broker.server().getTotalConnectionCount();
        for (int i = 1; i <= 25; i++) {
            assertEquals(202, post("sessions-a-" + i, citizenId("51330119910101", 100 + i)));
        }
        // Before, the component's JmsTemplate opened (and closed) a connection for every message: 25 here.
        // Two allow for the node's other work (a scheduled job's send) during the test.
        long opened = broker.server().getTotalConnectionCount() - connectionsBefore;
        assertTrue(opened <= 2, "25 messages sent one after another opened " + opened + " connections to the broker");
        awaitLanded("sessions-a-", 26);
    }

    @Test
    void documentsFromRestAreSentOnOneConnection() {
        postDocument("first");
        long connectionsBefore = broker.server().getTotalConnectionCount();
        List<String> sent = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            sent.add(postDocument("note " + i));
        }
        // The scanned text goes to pdx.agg.documents: through the component alone, a connection per document.
        long opened = broker.server().getTotalConnectionCount() - connectionsBefore;
        assertTrue(opened <= 2, "10 documents sent one after another opened " + opened + " connections to the broker");
        for (String messageId : sent) {
            assertEquals(1, DeadLetterQueue.onQueue(broker, Addresses.AGGREGATION + ".documents", messageId).size(),
                    "document " + messageId + " is on pdx.agg.documents once");
        }
    }

    @Test
    void refusedMessagesHandTheirSessionBack() {
        assertEquals(202, post("sessions-d-0", citizenId("51330119940404", 99)));
        java.util.Set<String> before = sendingSessionNames();
        assertTrue(!before.isEmpty(), "the node's sending connection holds its idle session");
        for (int i = 1; i <= 5; i++) {
            // A wrong check character: the gate refuses the record, and the message is dead-lettered on the same session.
            String valid = citizenId("51330119940404", 100 + i);
            String wrong = valid.substring(0, 17) + (valid.charAt(17) == '1' ? '2' : '1');
            assertEquals(400, post("sessions-d-refused-" + i, wrong));
        }
        assertEquals(202, post("sessions-d-6", citizenId("51330119940404", 199)));
        // Before, each refusal closed the session it passed on, and the next passage opened another.
        java.util.Set<String> after = sendingSessionNames();
        assertTrue(after.containsAll(before), "the idle session " + before + " was closed by a refusal; now " + after);
        // Nothing refused is lost: each went to the dead-letter address on the session it kept.
        for (int i = 1; i <= 5; i++) {
            String refused = "sessions-d-refused-" + i;
            await().atMost(Duration.ofSeconds(10)).until(() -> DeadLetterQueue.lettersAbout(broker, refused).size() == 1);
        }
        awaitLanded("sessions-d-", 2);
    }

    private java.util.Set<String> sendingSessionNames() {
        return broker.server().getSessions(sessions.connectionId().toString()).stream()
                .map(org.apache.activemq.artemis.core.server.ServerSession::getName).collect(java.util.stream.Collectors.toSet());
    }

    @Test
    void passagesAtOnceEachSendOnASessionOfTheirOwn() throws Exception {
        assertEquals(202, post("sessions-b-first", citizenId("51330119920202", 99)));
        long connectionsBefore = broker.server().getTotalConnectionCount();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> posts = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                String messageId = "sessions-b-" + i;
                String citizen = citizenId("51330119920202", 100 + i);
                posts.add(pool.submit((Callable<Integer>) () -> post(messageId, citizen)));
            }
            for (Future<Integer> post : posts) {
                assertEquals(202, post.get());
            }
        } finally {
            pool.shutdownNow();
        }
        long opened = broker.server().getTotalConnectionCount() - connectionsBefore;
        assertTrue(opened <= 2, "40 messages from 4 threads at once opened " + opened + " connections to the broker");
        awaitLanded("sessions-b-", 41);
    }

    @Test
    void aConnectionTheBrokerDropsIsReplacedAndNothingIsLost() {
        assertEquals(202, post("sessions-c-0", citizenId("51330119930303", 99)));
        Object id = sessions.connectionId();
        RemotingConnection connection = broker.server().getRemotingService().getConnection(id);
        assertTrue(connection != null, "the broker knows the node's sending connection");
        // As an external broker's restart would: the connection fails under the node.
        connection.fail(new ActiveMQException("dropped by the test"));
        // A message caught in the failure is refused with 503 (send it again), never lost quietly.
        // The sender sends each message again, under its own id, until it is accepted.
        for (int i = 1; i <= 10; i++) {
            String messageId = "sessions-c-" + i;
            String citizen = citizenId("51330119930303", 100 + i);
            await().atMost(Duration.ofSeconds(10)).until(() -> {
                int status = post(messageId, citizen);
                assertTrue(status == 202 || status == 503, "accepted, or refused to be sent again: " + status);
                return status == 202;
            });
        }
        assertNotEquals(id, sessions.connectionId(), "a new connection replaced the dropped one");
        awaitLanded("sessions-c-", 11);
        // Landed once each, however often a message was sent.
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> landed("sessions-c-") == 11);
    }

    private int post(String messageId, String citizenId) {
        return system().header("Pdx-Person", "公安局人口系统").header("Pdx-Purpose", "人口基础信息汇聚").header("Pdx-Message-Id", messageId)
                .body(List.of(ExchangeFlowTest.person(citizenId, "次仁")))
                .when().post("/api/v1/exchange/" + POPULATION + "/records").then().extract().statusCode();
    }

    /** Uploads a text document; its message id, once the node answered 200. */
    private String postDocument(String text) {
        return system().header("Pdx-Person", "公安局户籍窗口").header("Pdx-Purpose", "户籍证明汇聚")
                .contentType("multipart/form-data").multiPart("file", "note.txt", text.getBytes(java.nio.charset.StandardCharsets.UTF_8), "text/plain")
                .when().post("/api/v1/exchange/" + POPULATION + "/documents").then().statusCode(200).extract().path("messageId");
    }

    private void awaitLanded(String messageIds, int count) {
        await().atMost(Duration.ofSeconds(30)).until(() -> landed(messageIds) >= count);
    }

    private long landed(String messageIds) {
        return sql.list("select message_id from landed_message where message_id like ?", rs -> rs.getString(1), messageIds + "%").size();
    }

    /** A citizen ID with a valid check character: the 17 digits are {@code prefix14} and a 3-digit sequence. */
    static String citizenId(String prefix14, int sequence) {
        String body = prefix14 + String.format("%03d", sequence);
        int[] weights = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (body.charAt(i) - '0') * weights[i];
        }
        return body + "10X98765432".charAt(sum % 11);
    }
}
