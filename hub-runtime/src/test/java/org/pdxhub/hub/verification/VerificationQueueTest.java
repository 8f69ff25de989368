package org.pdxhub.hub.verification;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.Message;
import jakarta.jms.QueueBrowser;
import org.apache.qpid.protonj2.client.Client;
import org.apache.qpid.protonj2.client.Connection;
import org.apache.qpid.protonj2.client.ConnectionOptions;
import org.apache.qpid.protonj2.client.Delivery;
import org.apache.qpid.protonj2.client.Receiver;
import org.apache.qpid.protonj2.client.Sender;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.pdxhub.hub.access.ApiKeys;
import org.pdxhub.hub.access.Role;
import org.pdxhub.hub.messaging.Addresses;
import org.pdxhub.hub.sharing.Grant;
import org.pdxhub.hub.sharing.GrantSource;
import org.pdxhub.hub.sharing.Grants;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pdxhub.hub.testing.DemoKeys.HRSS;
import static org.pdxhub.hub.testing.DemoKeys.MARKET;
import static org.pdxhub.hub.testing.DemoKeys.PSB;

/** 核验 over the broker: only a grant holder sends to pdx.verify.{code}, and hears only on its own reply address. */
@QuarkusTest
class VerificationQueueTest {

    static final String POPULATION = "GZ-PSB-POP-001";
    static final String PURPOSE = "hr-queue-check";

    @ConfigProperty(name = "pdx.broker.amqp-port")
    int amqpPort;

    @Inject
    Grants grants;

    @Inject
    ApiKeys apiKeys;

    @Inject
    ConnectionFactory connectionFactory;

    @Inject
    ObjectMapper json;

    @Test
    void aGrantHolderVerifiesOverTheQueueAndHearsOnItsOwnReplyAddress() throws Exception {
        grant(HRSS);
        try (Client client = Client.create(); Connection c = connect(client, HRSS);
             Receiver replies = c.openReceiver("pdx.reply." + HRSS); Sender calls = c.openSender(VerificationQueue.address(POPULATION))) {
            calls.openFuture().get(10, TimeUnit.SECONDS);
            var call = org.apache.qpid.protonj2.client.Message.create("{\"records\":[{\"citizen_id\":\"" + VerificationTest.id("51332319900303009")
                    + "\",\"person_name\":\"格桑\"}]}");
            call.replyTo("pdx.reply." + HRSS).correlationId("call-1").property("PdxPerson", "hr-system").property("PdxPurpose", PURPOSE);
            calls.send(call).awaitSettlement(10, TimeUnit.SECONDS);
            Delivery answer = replies.receive(15, TimeUnit.SECONDS);
            assertNotNull(answer, "answered on the reply address");
            org.apache.qpid.protonj2.client.Message<Object> m = answer.message();
            assertEquals("call-1", String.valueOf(m.correlationId()));
            assertEquals(200, ((Number) m.property(VerificationQueue.STATUS)).intValue());
            Map<?, ?> body = json.readValue(String.valueOf(m.body()), Map.class);
            assertEquals("MISMATCH", ((Map<?, ?>) ((List<?>) body.get("results")).get(0)).get("result"), body.toString());
            assertFalse(String.valueOf(m.body()).contains("51332319900303009"), "no value in the answer");
        }
    }

    @Test
    void anOrganisationWithoutAVerificationGrantCannotSendToTheVerificationAddress() throws Exception {
        for (Grant g : grants.heldBy(MARKET)) {
            if (g.source() == GrantSource.VERIFICATION_REQUEST) {
                grants.revoke(g.id(), "test");
            }
        }
        try (Client client = Client.create(); Connection c = connect(client, MARKET)) {
            Sender calls = c.openSender(VerificationQueue.address(POPULATION));
            Exception refused = assertThrows(Exception.class, () -> {
                calls.openFuture().get(10, TimeUnit.SECONDS);
                calls.send(org.apache.qpid.protonj2.client.Message.create("{\"records\":[]}")).awaitSettlement(10, TimeUnit.SECONDS);
            });
            assertTrue(told(refused).contains("broker.verify.no-grant"), told(refused));
        }
    }

    @Test
    void anAnswerIsNeverSentToAnotherOrganisationsReplyAddress() throws Exception {
        grant(HRSS);
        String marker = "misdirected-" + UUID.randomUUID();
        try (Client client = Client.create(); Connection c = connect(client, HRSS); Sender calls = c.openSender(VerificationQueue.address(POPULATION))) {
            var call = org.apache.qpid.protonj2.client.Message.create("{\"records\":[{\"citizen_id\":\"x\"}]}");
            call.replyTo("pdx.reply." + PSB).correlationId(marker).property("PdxPerson", "hr-system").property("PdxPurpose", PURPOSE);
            calls.send(call).awaitSettlement(10, TimeUnit.SECONDS);
        }
        await().atMost(Duration.ofSeconds(15)).until(() -> browse(Addresses.DEAD_LETTER).stream()
                .anyMatch(m -> "verify.reply-address".equals(property(m, "PdxRule"))));
        assertTrue(browse("pdx.reply." + PSB).stream().noneMatch(m -> marker.equals(correlation(m))), "nothing reached the other reply address");
    }

    private void grant(String holder) {
        for (Grant g : grants.heldBy(holder)) {
            if (g.source() == GrantSource.VERIFICATION_REQUEST) {
                grants.revoke(g.id(), "test");
            }
        }
        grants.issue(holder, POPULATION, Set.of("person_name"), Set.of(), PURPOSE, Instant.now().minusSeconds(5),
                Instant.now().plus(Duration.ofDays(1)), GrantSource.VERIFICATION_REQUEST, null, null, null, "test");
    }

    private Connection connect(Client client, String organisation) throws Exception {
        String key = apiKeys.issue("test-verify-" + UUID.randomUUID(), organisation, "test system", Set.of(Role.SYSTEM));
        Connection c = client.connect("127.0.0.1", amqpPort, new ConnectionOptions().user(organisation).password(key));
        c.openFuture().get(10, TimeUnit.SECONDS);
        return c;
    }

    private List<Message> browse(String queue) {
        try (JMSContext ctx = connectionFactory.createContext(); QueueBrowser b = ctx.createBrowser(ctx.createQueue(queue))) {
            return new ArrayList<>(Collections.list((java.util.Enumeration<Message>) b.getEnumeration()));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String property(Message m, String name) {
        try {
            return m.getStringProperty(name);
        } catch (Exception e) {
            return null;
        }
    }

    private static String correlation(Message m) {
        try {
            return m.getJMSCorrelationID();
        } catch (Exception e) {
            return null;
        }
    }

    private static String told(Throwable e) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            all.append(t.getClass().getSimpleName()).append(": ").append(t.getMessage()).append(" | ");
        }
        return all.toString();
    }
}
