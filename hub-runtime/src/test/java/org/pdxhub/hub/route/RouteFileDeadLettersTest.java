package org.pdxhub.hub.route;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.Message;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.Test;
import org.pdxhub.hub.deadletter.DeadLetterChannel;
import org.pdxhub.hub.deadletter.DeadLetters;
import org.pdxhub.hub.deadletter.OneDeadLetterFormatTest;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A routes file written by a user runs on the node's one dead-letter channel: a step of its own
 * that fails is dead-lettered once in the one format, naming the route, with the message as the
 * route received it, instead of being logged and lost.
 */
@QuarkusTest
@TestProfile(RouteFiles.class)
class RouteFileDeadLettersTest {

    @Inject
    CamelContext camel;

    @Inject
    ConnectionFactory connections;

    @Test
    void aRouteFileStepThatFailsIsDeadLetteredOnceNamingTheRouteWithTheFileAsReceived() throws Exception {
        Path inbox = Files.createDirectories(RouteFiles.DEPARTMENT.resolve("counts"));
        RouteFiles.install(camel, "counts.yaml", RouteFiles.route("dept-counts", "file:" + inbox + "?delay=200",
                "- convertBodyTo:\n    type: java.lang.Integer\n- log: \"count ${body}\""), "dept-counts");
        byte[] dropped = "forty-two\n".getBytes(StandardCharsets.UTF_8);
        Files.write(inbox.resolve(".count.txt.tmp"), dropped);
        Files.move(inbox.resolve(".count.txt.tmp"), inbox.resolve("count.txt"));

        var browsed = await().atMost(Duration.ofSeconds(30)).until(() -> only("route:dept-counts"), m -> m != null);
        Message letter = browsed.letter();
        assertEquals(DeadLetterChannel.ROUTE_STEP_FAILED, letter.getStringProperty("PdxRule"));
        assertEquals("urn:pdx:problem:" + DeadLetterChannel.ROUTE_STEP_FAILED, letter.getStringProperty(DeadLetters.PROBLEM_TYPE));
        assertTrue(letter.getStringProperty("PdxReason").contains("could not be processed"), letter.getStringProperty("PdxReason"));
        assertEquals(DeadLetters.ORIGINAL, letter.getStringProperty(DeadLetters.BODY));
        assertArrayEquals(dropped, browsed.body(), "the file as the route received it");
        // Taken, not left to fail again on every poll.
        await().atMost(Duration.ofSeconds(10)).until(() -> !Files.exists(inbox.resolve("count.txt")));
        assertEquals(1, all("route:dept-counts").size(), "dead-lettered once");
        RouteFiles.remove(camel, "counts.yaml", "dept-counts");
    }

    @Test
    void aRouteFileSendingToAResourceThatIsNotPublishedIsDeadLetteredUnderThatRuleNamingTheRoute() throws Exception {
        Path inbox = Files.createDirectories(RouteFiles.DEPARTMENT.resolve("unpublished"));
        RouteFiles.install(camel, "unpublished.yaml", RouteFiles.route("dept-unpublished", "file:" + inbox + "?delay=200",
                "- to: \"pdx:ingest/GZ-NOT-PUBLISHED?person=p&purpose=q\""), "dept-unpublished");
        Files.writeString(inbox.resolve(".rows.csv.tmp"), "name\nx\n");
        Files.move(inbox.resolve(".rows.csv.tmp"), inbox.resolve("rows.csv"));

        Message letter = await().atMost(Duration.ofSeconds(30)).until(() -> only("route:dept-unpublished"), m -> m != null).letter();
        assertEquals("resource.not-published", letter.getStringProperty("PdxRule"));
        assertTrue(letter.getStringProperty("PdxReason").contains("GZ-NOT-PUBLISHED"), letter.getStringProperty("PdxReason"));
        assertFalse(letter.getBooleanProperty(DeadLetters.REPLAYABLE), "the sender's mistake");
        RouteFiles.remove(camel, "unpublished.yaml", "dept-unpublished");
    }

    private OneDeadLetterFormatTest.Browsed only(String from) throws Exception {
        List<OneDeadLetterFormatTest.Browsed> found = all(from);
        return found.isEmpty() ? null : found.get(0);
    }

    private List<OneDeadLetterFormatTest.Browsed> all(String from) throws Exception {
        return OneDeadLetterFormatTest.browse(connections, DeadLetters.FROM + " = '" + from + "'");
    }
}
