package org.pdxhub.hub.messaging;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.JMSSecurityRuntimeException;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.qpid.protonj2.client.Client;
import org.apache.qpid.protonj2.client.Connection;
import org.apache.qpid.protonj2.client.Receiver;
import org.apache.qpid.protonj2.client.Sender;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.pdxhub.hub.access.ApiKeys;
import org.pdxhub.hub.access.Role;
import org.pdxhub.hub.store.Sql;

import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pdxhub.hub.messaging.DepartmentSystem.MARKET;
import static org.pdxhub.hub.messaging.DepartmentSystem.POPULATION;
import static org.pdxhub.hub.messaging.DepartmentSystem.PSB;
import static org.pdxhub.hub.messaging.DepartmentSystem.PSB_SYSTEM_KEY;
import static org.pdxhub.hub.messaging.DepartmentSystem.amqp;
import static org.pdxhub.hub.messaging.DepartmentSystem.citizenId;
import static org.pdxhub.hub.messaging.DepartmentSystem.record;
import static org.pdxhub.hub.messaging.DepartmentSystem.send;
import static org.pdxhub.hub.messaging.DepartmentSystem.told;

/**
 * A department system logs in to the node's broker as its organisation (user = USCC, password =
 * one of its SYSTEM keys) and may only send to its own resources' queues and read its own return
 * address; over AMQP 1.0 and CORE alike.
 */
@QuarkusTest
public class BrokerSecurityTest {

    @ConfigProperty(name = "pdx.broker.amqp-port")
    int amqpPort;

    @ConfigProperty(name = "pdx.broker.core-port")
    int corePort;

    @Inject
    Sql sql;

    @Inject
    ApiKeys apiKeys;

    @Test
    void theProvidersSystemSendsOverAmqpAndTheRecordsLandAsSentByItsOrganisation() throws Exception {
        String messageId = "amqp-" + UUID.randomUUID();
        try (Client client = Client.create();
             Connection connection = amqp(client, amqpPort, PSB, PSB_SYSTEM_KEY);
             Sender sender = connection.openSender("pdx.in." + POPULATION)) {
            send(sender, record(citizenId(101), "达瓦", messageId));
        }
        await().atMost(Duration.ofSeconds(15)).until(() -> landed(messageId) == 1);
        assertEquals(PSB, deliveredBy(messageId));
    }

    @Test
    void theProvidersSystemSendsOverCoreAndTheRecordsLand() {
        String messageId = "core-" + UUID.randomUUID();
        try (ActiveMQConnectionFactory factory = core(); JMSContext ctx = factory.createContext(PSB, PSB_SYSTEM_KEY)) {
            var producer = ctx.createProducer();
            DepartmentSystem.headers(messageId).forEach(producer::setProperty);
            producer.send(ctx.createQueue("pdx.in." + POPULATION),
                    "[{\"citizen_id\":\"" + citizenId(102) + "\",\"person_name\":\"尼玛\"}]");
        }
        await().atMost(Duration.ofSeconds(15)).until(() -> landed(messageId) == 1);
        assertEquals(PSB, deliveredBy(messageId));
    }

    @Test
    void aSenderCannotClaimAnotherOrganisationByAHeader() throws Exception {
        String messageId = "forged-" + UUID.randomUUID();
        try (Client client = Client.create();
             Connection connection = amqp(client, amqpPort, PSB, PSB_SYSTEM_KEY);
             Sender sender = connection.openSender("pdx.in." + POPULATION)) {
            var m = record(citizenId(103), "央金", messageId);
            for (String header : new String[]{BrokerSecurity.SENDER_HEADER, "_AMQ_VALIDATED_USER", "JMSXUserID"}) {
                m.property(header, MARKET);
            }
            send(sender, m);
        }
        String coreId = "forged-core-" + UUID.randomUUID();
        try (ActiveMQConnectionFactory factory = core(); JMSContext ctx = factory.createContext(PSB, PSB_SYSTEM_KEY)) {
            var producer = ctx.createProducer();
            DepartmentSystem.headers(coreId).forEach(producer::setProperty);
            producer.setProperty(BrokerSecurity.SENDER_HEADER, MARKET).setProperty("JMSXUserID", MARKET);
            producer.send(ctx.createQueue("pdx.in." + POPULATION), "[{\"citizen_id\":\"" + citizenId(104) + "\",\"person_name\":\"卓嘎\"}]");
        }
        await().atMost(Duration.ofSeconds(15)).until(() -> landed(messageId) == 1 && landed(coreId) == 1);
        assertEquals(PSB, deliveredBy(messageId), "over AMQP, the broker's validated user, not the header");
        assertEquals(PSB, deliveredBy(coreId), "over CORE, the broker's validated user, not the header");
    }

    @Test
    void anotherDepartmentsSystemMayNotSendToTheProvidersQueue() throws Exception {
        String marketKey = marketSystemKey();
        try (Client client = Client.create(); Connection connection = amqp(client, amqpPort, MARKET, marketKey)) {
            Sender sender = connection.openSender("pdx.in." + POPULATION);
            Exception refused = assertThrows(Exception.class, () -> sender.openFuture().get(10, TimeUnit.SECONDS));
            String said = told(refused);
            assertTrue(said.contains("pdx.in." + POPULATION) && said.contains("broker.in.not-provider"), said);
        }
        try (ActiveMQConnectionFactory factory = core(); JMSContext ctx = factory.createContext(MARKET, marketKey)) {
            JMSRuntimeException refused = assertThrows(JMSRuntimeException.class,
                    () -> ctx.createProducer().send(ctx.createQueue("pdx.in." + POPULATION), "[]"));
            assertTrue(refused.getMessage().contains("pdx.in." + POPULATION) && refused.getMessage().contains("broker.in.not-provider"),
                    refused.getMessage());
        }
    }

    @Test
    void anotherDepartmentsSystemMayNotReadTheProvidersReturnAddress() throws Exception {
        String marketKey = marketSystemKey();
        String psbReturn = Addresses.returnTo(PSB);
        try (Client client = Client.create(); Connection connection = amqp(client, amqpPort, MARKET, marketKey)) {
            Receiver receiver = connection.openReceiver(psbReturn);
            String said = told(assertThrows(Exception.class, () -> receiver.openFuture().get(10, TimeUnit.SECONDS)));
            assertTrue(said.contains(psbReturn) && said.contains("broker.return.not-owner"), said);
        }
        try (ActiveMQConnectionFactory factory = core(); JMSContext ctx = factory.createContext(MARKET, marketKey)) {
            JMSRuntimeException refused = assertThrows(JMSRuntimeException.class, () -> ctx.createConsumer(ctx.createQueue(psbReturn)));
            assertTrue(refused.getMessage().contains(psbReturn) && refused.getMessage().contains("broker.return.not-owner"),
                    refused.getMessage());
        }
        try (Client client = Client.create(); Connection connection = amqp(client, amqpPort, PSB, PSB_SYSTEM_KEY);
             Receiver own = connection.openReceiver(psbReturn)) {
            own.openFuture().get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void aWrongKeyIsRefused() {
        try (Client client = Client.create()) {
            String said = told(assertThrows(Exception.class, () -> amqp(client, amqpPort, PSB, "demo-system-wrong")));
            assertTrue(said.contains("SecuritySasl") || said.contains("authentication"), said);
        }
        try (ActiveMQConnectionFactory factory = core()) {
            assertThrows(JMSSecurityRuntimeException.class, () -> factory.createContext(PSB, "demo-system-wrong").close());
        }
    }

    @Test
    void aKeyOfAnotherOrganisationOrNotOfASystemIsRefused() {
        try (ActiveMQConnectionFactory factory = core()) {
            assertThrows(JMSSecurityRuntimeException.class, () -> factory.createContext(MARKET, PSB_SYSTEM_KEY).close(),
                    "the PSB key does not log in as the market department");
            assertThrows(JMSSecurityRuntimeException.class, () -> factory.createContext(PSB, "demo-specialist").close(),
                    "a specialist's key is not a system's");
        }
    }

    @Test
    void noOneLogsInWithoutAKeyOrAsTheBrokersOwnUsers() {
        try (Client client = Client.create()) {
            // SASL ANONYMOUS passes the handshake; the broker then refuses the connection.
            assertThrows(Exception.class, () -> client.connect("127.0.0.1", amqpPort)
                    .openSender("pdx.in." + POPULATION).openFuture().get(10, TimeUnit.SECONDS), "anonymous");
        }
        try (ActiveMQConnectionFactory factory = core()) {
            assertThrows(JMSSecurityRuntimeException.class, () -> factory.createContext().close(), "no user");
            JMSRuntimeException cluster = assertThrows(JMSRuntimeException.class,
                    () -> factory.createContext("ACTIVEMQ.CLUSTER.ADMIN.USER", "CHANGE ME!!").close(),
                    "Artemis' default cluster user bypasses every check: its default password must not work");
            assertTrue(cluster.getMessage().contains("Unable to authenticate cluster user"), cluster.getMessage());
            assertThrows(JMSSecurityRuntimeException.class, () -> factory.createContext(BrokerSecurity.NODE_USER, "guess").close(),
                    "the node's own user");
        }
    }

    private ActiveMQConnectionFactory core() {
        return new ActiveMQConnectionFactory("tcp://127.0.0.1:" + corePort + "?reconnectAttempts=0");
    }

    /** A SYSTEM key of the market department, so that its refusal is about the address, not the key's role. */
    private String marketSystemKey() {
        String id = "test-market-system-" + UUID.randomUUID();
        return apiKeys.issue(id, MARKET, "市场监管局登记系统 (test)", Set.of(Role.SYSTEM));
    }

    private long landed(String messageId) {
        return sql.count("select count(*) from dataset_record where message_id = ?", messageId);
    }

    private String deliveredBy(String messageId) {
        return sql.one("select organisation from usage_log where message_id = ? and decision = 'DELIVERED'", rs -> rs.getString(1), messageId)
                .orElseThrow();
    }
}
