package org.pdxhub.hub.messaging;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSRuntimeException;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.server.Queue;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.qpid.protonj2.client.Client;
import org.apache.qpid.protonj2.client.Connection;
import org.apache.qpid.protonj2.client.Receiver;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.pdxhub.hub.access.ApiKeys;
import org.pdxhub.hub.access.Role;
import org.pdxhub.hub.node.NodeLevel;
import org.pdxhub.hub.organisation.Organisation;
import org.pdxhub.hub.organisation.OrganisationKind;
import org.pdxhub.hub.organisation.Organisations;

import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pdxhub.hub.messaging.DepartmentSystem.MARKET;
import static org.pdxhub.hub.messaging.DepartmentSystem.amqp;
import static org.pdxhub.hub.messaging.DepartmentSystem.told;

/**
 * An organisation's return and reply queues are its own: no fully qualified queue name, wildcard
 * or auto-created queue lets another organisation create or hold them, and they exist from the
 * moment the organisation is registered, so a return to it never waits in a queue someone else holds.
 */
@QuarkusTest
public class ReturnQueueCaptureTest {

    static final String HR = "11513300MB0000004P";

    @ConfigProperty(name = "pdx.broker.amqp-port")
    int amqpPort;

    @ConfigProperty(name = "pdx.broker.core-port")
    int corePort;

    @Inject
    ApiKeys apiKeys;

    @Inject
    EmbeddedBroker broker;

    @Inject
    Organisations organisations;

    @Test
    void anotherOrganisationsReturnQueueCannotBeCapturedByAFullyQualifiedName() throws Exception {
        String marketKey = systemKey(MARKET);
        // An organisation not registered yet: its queue does not exist, so the capture would create it.
        String newcomer = newUscc();
        String capture = Addresses.returnTo(MARKET) + "::" + Addresses.returnTo(newcomer);
        try (Client client = Client.create(); Connection connection = amqp(client, amqpPort, MARKET, marketKey)) {
            Receiver receiver = connection.openReceiver(capture);
            String said = told(assertThrows(Exception.class, () -> receiver.openFuture().get(10, TimeUnit.SECONDS)));
            assertTrue(said.contains("broker.return.not-owner"), said);
        }
        try (ActiveMQConnectionFactory factory = core(); JMSContext ctx = factory.createContext(MARKET, marketKey)) {
            JMSRuntimeException refused = assertThrows(JMSRuntimeException.class, () -> ctx.createConsumer(ctx.createQueue(capture)));
            assertTrue(refused.getMessage().contains("broker.return.not-owner"), refused.getMessage());
        }
        assertNull(broker.server().locateQueue(SimpleString.of(Addresses.returnTo(newcomer))), "no queue was created for the newcomer");

        // A registered organisation's queue exists, bound to its own address: the capture finds nothing to take.
        String registered = Addresses.returnTo(MARKET) + "::" + Addresses.returnTo(HR);
        try (Client client = Client.create(); Connection connection = amqp(client, amqpPort, MARKET, marketKey)) {
            Receiver receiver = connection.openReceiver(registered);
            assertThrows(Exception.class, () -> receiver.openFuture().get(10, TimeUnit.SECONDS));
        }
        Queue hrReturn = broker.server().locateQueue(SimpleString.of(Addresses.returnTo(HR)));
        assertNotNull(hrReturn, "the return queue exists");
        assertEquals(Addresses.returnTo(HR), hrReturn.getAddress().toString(), "and is bound to its own address");
        try (Client client = Client.create(); Connection connection = amqp(client, amqpPort, HR, systemKey(HR));
             Receiver own = connection.openReceiver(Addresses.returnTo(HR))) {
            own.openFuture().get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void wildcardAddressesAreRefused() throws Exception {
        String marketKey = systemKey(MARKET);
        for (String address : new String[]{"pdx.return.#", "pdx.return.*", "pdx.reply." + MARKET + ".#"}) {
            try (Client client = Client.create(); Connection connection = amqp(client, amqpPort, MARKET, marketKey)) {
                Receiver receiver = connection.openReceiver(address);
                String said = told(assertThrows(Exception.class, () -> receiver.openFuture().get(10, TimeUnit.SECONDS), address));
                assertTrue(said.contains("broker.address.wildcard"), said);
            }
        }
    }

    @Test
    void returnAndReplyQueuesExistFromTheMomentAnOrganisationIsRegistered() {
        for (Organisation o : organisations.list()) {
            assertNotNull(broker.server().locateQueue(SimpleString.of(Addresses.returnTo(o.uscc()))), o.uscc());
            assertNotNull(broker.server().locateQueue(SimpleString.of("pdx.reply." + o.uscc())), o.uscc());
        }
        String uscc = newUscc();
        organisations.register(new Organisation(uscc, "新登记的部门 (test)", OrganisationKind.DEPARTMENT, NodeLevel.DEPARTMENT,
                "513300", "11513300MB0000001E", null, null));
        assertNotNull(broker.server().locateQueue(SimpleString.of(Addresses.returnTo(uscc))), "at once, before anyone connects");
        assertNotNull(broker.server().locateQueue(SimpleString.of("pdx.reply." + uscc)));
    }

    private String systemKey(String organisation) {
        return apiKeys.issue("test-system-" + UUID.randomUUID(), organisation, "test system", Set.of(Role.SYSTEM));
    }

    private ActiveMQConnectionFactory core() {
        return new ActiveMQConnectionFactory("tcp://127.0.0.1:" + corePort + "?reconnectAttempts=0");
    }

    /** A USCC with a valid check character (GB 32100), fresh for each run. */
    private static String newUscc() {
        String chars = "0123456789ABCDEFGHJKLMNPQRTUWXY";
        int[] weights = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};
        String body = "11513300MB" + String.format("%07d", ThreadLocalRandom.current().nextInt(10_000_000));
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += chars.indexOf(body.charAt(i)) * weights[i];
        }
        return body + chars.charAt((31 - sum % 31) % 31);
    }
}
