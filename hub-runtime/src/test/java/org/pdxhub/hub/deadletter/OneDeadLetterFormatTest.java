package org.pdxhub.hub.deadletter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.jms.BytesMessage;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.QueueBrowser;
import jakarta.jms.TextMessage;
import org.apache.qpid.protonj2.client.Client;
import org.apache.qpid.protonj2.client.Connection;
import org.apache.qpid.protonj2.client.ConnectionOptions;
import org.apache.qpid.protonj2.client.Sender;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.pdxhub.hub.access.ApiKeys;
import org.pdxhub.hub.access.Role;
import org.pdxhub.hub.messaging.Addresses;
import org.pdxhub.hub.sharing.GrantSource;
import org.pdxhub.hub.sharing.Grants;
import org.pdxhub.hub.store.Sql;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pdxhub.hub.testing.DemoKeys.HRSS;
import static org.pdxhub.hub.testing.DemoKeys.MARKET;
import static org.pdxhub.hub.testing.DemoKeys.PSB;
import static org.pdxhub.hub.testing.DemoKeys.admin;
import static org.pdxhub.hub.testing.DemoKeys.system;

/**
 * A bad sender's message ends on the one dead-letter address in the one format, whichever way it
 * came: its body as sent, the rule and its problem type, what to change, where it came from, whose
 * it was, when, after how many deliveries, and whether it can be sent back. Nothing accepted with
 * it is lost.
 */
@QuarkusTest
public class OneDeadLetterFormatTest {

    static final String POPULATION = "GZ-PSB-POP-001";
    static final String PSB_SYSTEM_KEY = "demo-system";

    @ConfigProperty(name = "pdx.broker.amqp-port")
    int amqpPort;

    @Inject
    ConnectionFactory connections;

    @Inject
    Sql sql;

    @Inject
    Grants grants;

    @Inject
    ApiKeys apiKeys;

    @Test
    void aMalformedQueueMessageIsDeadLetteredAsSentAndTheGoodOneBesideItLands() throws Exception {
        String bad = "queue-bad-" + UUID.randomUUID();
        String good = "queue-good-" + UUID.randomUUID();
        String body = "[{\"citizen_id\": oops";
        try (Client client = Client.create(); Connection c = amqp(client, PSB, PSB_SYSTEM_KEY);
             Sender sender = c.openSender(Addresses.inbound(POPULATION))) {
            send(sender, body, bad);
            send(sender, "[{\"citizen_id\":\"513301199001010013\",\"person_name\":\"扎西\"}]", good);
        }

        Message letter = letter(bad);
        assertOneFormat(letter, "message.malformed", Addresses.inbound(POPULATION), PSB, false, DeadLetters.ORIGINAL);
        assertArrayEquals(body.getBytes(StandardCharsets.UTF_8), bodyOf(letter), "the body as the sender sent it");
        await().atMost(Duration.ofSeconds(30)).until(() -> sql.count("select count(*) from dataset_record where message_id = ?", good) == 1);
        assertNull(find(good), "what was accepted is not dead-lettered");
    }

    @Test
    void aLinkMessageFromANodeThatIsNotLinkedIsDeadLetteredAsSent() throws Exception {
        String messageId = "link-in-" + UUID.randomUUID();
        byte[] body = "[{\"uscc\":\"x\"}]".getBytes(StandardCharsets.UTF_8);
        try (JMSContext jms = connections.createContext()) {
            BytesMessage m = jms.createBytesMessage();
            m.writeBytes(body);
            m.setStringProperty("PdxResource", POPULATION);
            m.setStringProperty("PdxMessageId", messageId);
            m.setStringProperty("PdxDirection", "UP");
            m.setStringProperty("PdxSourceNode", "nowhere");
            m.setStringProperty("PdxSourceOrg", MARKET);
            jms.createProducer().send(jms.createQueue(Addresses.LINK_IN), m);
        }

        Message letter = letter(messageId);
        assertOneFormat(letter, "link.refused", Addresses.LINK_IN, MARKET, false, DeadLetters.ORIGINAL);
        assertArrayEquals(body, bodyOf(letter));
        assertTrue(letter.getStringProperty("PdxReason").contains("pdx.node.children"), "says what to configure");
    }

    @Test
    void aVerificationCallWithoutItsOwnReplyAddressIsDeadLetteredAsSent() throws Exception {
        grants.issue(HRSS, POPULATION, Set.of("person_name"), Set.of(), "dead-letter-format", Instant.now().minusSeconds(5),
                Instant.now().plus(Duration.ofDays(1)), GrantSource.VERIFICATION_REQUEST, null, null, null, "test");
        String messageId = "verify-" + UUID.randomUUID();
        String body = "{\"records\":[{\"citizen_id\":\"x\"}]}";
        String key = apiKeys.issue("test-dlq-" + UUID.randomUUID(), HRSS, "test system", Set.of(Role.SYSTEM));
        try (Client client = Client.create(); Connection c = amqp(client, HRSS, key);
             Sender calls = c.openSender(Addresses.verify(POPULATION))) {
            var call = org.apache.qpid.protonj2.client.Message.create(body);
            call.replyTo("pdx.reply." + PSB).property("PdxMessageId", messageId).property("PdxPerson", "hr-system")
                    .property("PdxPurpose", "dead-letter-format");
            calls.send(call).awaitSettlement(10, TimeUnit.SECONDS);
        }

        Message letter = letter(messageId);
        assertOneFormat(letter, "verify.reply-address", Addresses.verify(POPULATION), HRSS, false, DeadLetters.ORIGINAL);
        assertArrayEquals(body.getBytes(StandardCharsets.UTF_8), bodyOf(letter));
    }

    @Test
    void aMessageThatCanNeverLandIsDeadLetteredAsItWasAndCanBeSentBack() throws Exception {
        String messageId = "landing-" + UUID.randomUUID();
        byte[] body = "not records".getBytes(StandardCharsets.UTF_8);
        try (JMSContext jms = connections.createContext()) {
            BytesMessage m = jms.createBytesMessage();
            m.writeBytes(body);
            m.setStringProperty("PdxResource", POPULATION);
            m.setStringProperty("PdxMessageId", messageId);
            m.setStringProperty("PdxProvider", PSB);
            m.setStringProperty("PdxRequester", PSB);
            jms.createProducer().send(jms.createQueue(Addresses.AGGREGATION), m);
        }

        Message letter = letter(messageId);
        // A failure of this node, not a sender's mistake: the operator fixes the cause and sends it back.
        assertOneFormat(letter, "land.unlandable", Addresses.AGGREGATION, PSB, true, DeadLetters.ORIGINAL);
        assertArrayEquals(body, bodyOf(letter));
        assertEquals(1, letter.getIntProperty(DeadLetters.ATTEMPTS), "dead-lettered at its first delivery, not after the broker's five");
    }

    @Test
    void recordsTheGateRefusesAreDeadLetteredMaskedInTheSameFormat() throws Exception {
        String messageId = "gate-" + UUID.randomUUID().toString().substring(0, 8);
        system().header("Pdx-Person", "system").header("Pdx-Purpose", "dead-letter-format").header("Pdx-Message-Id", messageId)
                .body(List.of(Map.of("citizen_id", "513301198504120021")))
                .when().post("/api/v1/exchange/" + POPULATION + "/records").then().statusCode(400);

        Message letter = letter(messageId);
        assertOneFormat(letter, null, Refusal.GATE, PSB, false, DeadLetters.MASKED_REJECTIONS);
        assertFalse(new String(bodyOf(letter), StandardCharsets.UTF_8).contains("513301198504120021"), "no raw identifier rests on the broker");
    }

    @Test
    void theListingShowsEveryLetterInTheOneFormat() throws Exception {
        String messageId = "listed-" + UUID.randomUUID();
        try (JMSContext jms = connections.createContext()) {
            BytesMessage m = jms.createBytesMessage();
            m.writeBytes("[1]".getBytes(StandardCharsets.UTF_8));
            m.setStringProperty("PdxResource", POPULATION);
            m.setStringProperty("PdxMessageId", messageId);
            m.setStringProperty("PdxDirection", "DOWN");
            m.setStringProperty("PdxSourceNode", "nowhere");
            m.setStringProperty("PdxSourceOrg", MARKET);
            jms.createProducer().send(jms.createQueue(Addresses.LINK_IN), m);
        }
        letter(messageId);
        List<Map<String, Object>> listed = admin().when().get("/api/v1/dead-letters?limit=1000").then().statusCode(200).extract().path("$");
        Map<String, Object> shown = listed.stream().filter(l -> messageId.equals(l.get("messageId"))).findFirst().orElseThrow();
        assertEquals("link.refused", shown.get("rule"));
        assertEquals("urn:pdx:problem:link.refused", shown.get("type"));
        assertEquals(Addresses.LINK_IN, shown.get("origin"));
        assertEquals(MARKET, shown.get("organisation"));
        assertEquals(1, shown.get("deliveries"));
        assertEquals(DeadLetters.ORIGINAL, shown.get("body"));
        assertEquals(false, shown.get("replayable"));
        assertNotNull(shown.get("at"));
    }

    @Test
    void everyHeaderOfALetterIsDescribedInTheAsyncApiDocument() throws Exception {
        String messageId = "documented-" + UUID.randomUUID();
        try (JMSContext jms = connections.createContext()) {
            BytesMessage m = jms.createBytesMessage();
            m.writeBytes("[]".getBytes(StandardCharsets.UTF_8));
            m.setStringProperty("PdxResource", POPULATION);
            m.setStringProperty("PdxMessageId", messageId);
            m.setStringProperty("PdxDirection", "UP");
            m.setStringProperty("PdxSourceNode", "nowhere");
            jms.createProducer().send(jms.createQueue(Addresses.LINK_IN), m);
        }
        Message letter = letter(messageId);

        byte[] yaml = given().when().get("/api/v1/asyncapi.yaml").then().statusCode(200).extract().asByteArray();
        JsonNode schemas = new ObjectMapper(new YAMLFactory()).readTree(yaml).path("components").path("schemas");
        Set<String> described = new HashSet<>();
        JsonNode headers = schemas.path("deadLetterHeaders");
        for (JsonNode part : headers.path("allOf")) {
            JsonNode schema = part.has("$ref") ? schemas.path(part.path("$ref").asText().replace("#/components/schemas/", "")) : part;
            schema.path("properties").fieldNames().forEachRemaining(described::add);
            part.path("required").forEach(r -> assertTrue(described.contains(r.asText()), "required and described: " + r.asText()));
        }
        schemas.path("linkHeaders").path("allOf").forEach(p -> p.path("properties").fieldNames().forEachRemaining(described::add));
        for (String name : Collections.list((Enumeration<String>) letter.getPropertyNames())) {
            if (name.startsWith("Pdx")) {
                assertTrue(described.contains(name), name + " is on the letter but not in the AsyncAPI document's deadLetterHeaders");
            }
        }
        for (String own : List.of(DeadLetters.FROM, DeadLetters.PROBLEM_TYPE, DeadLetters.ORGANISATION, DeadLetters.AT,
                DeadLetters.ATTEMPTS, DeadLetters.REPLAYABLE, DeadLetters.BODY, "PdxRule", "PdxReason")) {
            assertTrue(described.contains(own), own + " is described");
        }
    }

    /** The headers every letter the node writes carries, the same on every path. */
    public static void assertOneFormat(Message letter, String rule, String from, String organisation, boolean replayable, String bodyKind)
            throws JMSException {
        String actualRule = letter.getStringProperty("PdxRule");
        assertNotNull(actualRule, "PdxRule");
        if (rule != null) {
            assertEquals(rule, actualRule);
        }
        assertEquals("urn:pdx:problem:" + actualRule, letter.getStringProperty(DeadLetters.PROBLEM_TYPE));
        assertFalse(letter.getStringProperty("PdxReason") == null || letter.getStringProperty("PdxReason").isBlank(), "PdxReason");
        assertEquals(from, letter.getStringProperty(DeadLetters.FROM));
        assertEquals(organisation, letter.getStringProperty(DeadLetters.ORGANISATION));
        assertEquals(POPULATION, letter.getStringProperty("PdxResource"));
        assertNotNull(letter.getStringProperty("PdxMessageId"));
        Instant at = Instant.parse(letter.getStringProperty(DeadLetters.AT));
        assertTrue(Duration.between(at, Instant.now()).abs().toMinutes() < 5, "written just now: " + at);
        assertTrue(letter.getIntProperty(DeadLetters.ATTEMPTS) >= 1);
        assertEquals(replayable, letter.getBooleanProperty(DeadLetters.REPLAYABLE));
        assertEquals(bodyKind, letter.getStringProperty(DeadLetters.BODY));
        assertNull(letter.getStringProperty("_AMQ_ORIG_ADDRESS"), "written by the node with its reason, not moved by the broker");
    }

    private Message letter(String messageId) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> find(messageId), m -> m != null);
    }

    /** The one letter of a message id on pdx.dlq; fails if there are two. */
    private Message find(String messageId) throws JMSException {
        return find(connections, messageId);
    }

    /** The one letter of a message id on pdx.dlq, or null; fails if there are two. */
    public static Message find(ConnectionFactory connections, String messageId) throws JMSException {
        try (JMSContext jms = connections.createContext();
             QueueBrowser browser = jms.createBrowser(jms.createQueue(Addresses.DEAD_LETTER), "PdxMessageId = '" + messageId + "'")) {
            List<?> found = Collections.list(browser.getEnumeration());
            assertTrue(found.size() <= 1, "dead-lettered once: " + found.size());
            return found.isEmpty() ? null : (Message) found.get(0);
        }
    }

    /** A letter and its body as the browser gave it. */
    public record Browsed(Message letter, byte[] body) {
    }

    /**
     * The letters a selector finds, each body read as soon as the browser hands its letter over: a
     * large message's body is streamed from the session, and the client drops what it has not read
     * when the browser moves on to the next message (read later, the bytes are no longer the body).
     */
    public static List<Browsed> browse(ConnectionFactory connections, String selector) throws JMSException {
        try (JMSContext jms = connections.createContext();
             QueueBrowser browser = jms.createBrowser(jms.createQueue(Addresses.DEAD_LETTER), selector)) {
            List<Browsed> found = new ArrayList<>();
            var letters = browser.getEnumeration();
            while (letters.hasMoreElements()) {
                Message letter = (Message) letters.nextElement();
                found.add(new Browsed(letter, bodyOf(letter)));
            }
            return found;
        }
    }

    public static byte[] bodyOf(Message letter) throws JMSException {
        if (letter instanceof BytesMessage) {
            return letter.getBody(byte[].class);
        }
        return ((TextMessage) letter).getText().getBytes(StandardCharsets.UTF_8);
    }

    private Connection amqp(Client client, String user, String password) throws Exception {
        Connection c = client.connect("127.0.0.1", amqpPort, new ConnectionOptions().user(user).password(password));
        c.openFuture().get(10, TimeUnit.SECONDS);
        return c;
    }

    private static void send(Sender sender, String body, String messageId) throws Exception {
        var m = org.apache.qpid.protonj2.client.Message.create(body);
        m.property("PdxPerson", "公安局人口系统").property("PdxPurpose", "人口基础信息汇聚").property("PdxMessageId", messageId);
        sender.send(m).awaitSettlement(10, TimeUnit.SECONDS);
    }
}
