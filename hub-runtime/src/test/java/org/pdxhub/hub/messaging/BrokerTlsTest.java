package org.pdxhub.hub.messaging;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.Message;
import jakarta.jms.TextMessage;
import jakarta.jms.JMSConsumer;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.qpid.protonj2.client.Client;
import org.apache.qpid.protonj2.client.Connection;
import org.apache.qpid.protonj2.client.ConnectionOptions;
import org.apache.qpid.protonj2.client.Sender;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.pdxhub.hub.access.ApiKeys;
import org.pdxhub.hub.access.Role;
import org.pdxhub.hub.testing.TestCertificates;

import java.net.ConnectException;
import java.net.Socket;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pdxhub.hub.messaging.DepartmentSystem.MARKET;
import static org.pdxhub.hub.messaging.DepartmentSystem.POPULATION;
import static org.pdxhub.hub.messaging.DepartmentSystem.PSB;
import static org.pdxhub.hub.messaging.DepartmentSystem.PSB_SYSTEM_KEY;
import static org.pdxhub.hub.messaging.DepartmentSystem.record;
import static org.pdxhub.hub.messaging.DepartmentSystem.send;

/**
 * A node whose broker takes TLS only (pdx.broker.tls.enabled, plain-acceptors=false, client-auth
 * required), with a parent reached over a TLS bridge: someone on the network without a
 * certificate of the platform's CA cannot even start a login, and a certificate names the
 * organisation that may log in with it.
 */
@QuarkusTest
@TestProfile(BrokerTlsTest.TlsOnly.class)
public class BrokerTlsTest {

    public static class TlsOnly implements QuarkusTestProfile {
        /** Fixed when the application is built, so not with the stores and ports that {@link TlsPeers} makes at run time. */
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.http.ssl.client-auth", "required");
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(TlsPeers.class));
        }
    }

    @ConfigProperty(name = "pdx.broker.tls.core-port")
    int tlsCorePort;

    @ConfigProperty(name = "pdx.broker.tls.amqp-port")
    int tlsAmqpPort;

    @ConfigProperty(name = "pdx.broker.core-port")
    int plainCorePort;

    @ConfigProperty(name = "tls-test.dir")
    Path dir;

    @ConfigProperty(name = "tls-test.parent-port")
    int parentPort;

    @Inject
    ConnectionFactory nodeConnections;

    @Inject
    ApiKeys apiKeys;

    @Test
    void aPlainClientIsRefused() {
        assertThrows(ConnectException.class, () -> new Socket("127.0.0.1", plainCorePort).close(), "no plain acceptor listens");
        try (ActiveMQConnectionFactory plain = new ActiveMQConnectionFactory("tcp://127.0.0.1:" + tlsCorePort + "?reconnectAttempts=0&callTimeout=5000")) {
            assertThrows(JMSRuntimeException.class, () -> plain.createContext(PSB, PSB_SYSTEM_KEY).close(),
                    "plain CORE on the TLS port, with a good key");
        }
        try (Client client = Client.create()) {
            assertThrows(Exception.class, () -> client.connect("127.0.0.1", tlsAmqpPort, new ConnectionOptions().user(PSB)
                    .password(PSB_SYSTEM_KEY)).openFuture().get(10, TimeUnit.SECONDS), "plain AMQP on the TLS port");
        }
    }

    @Test
    void aClientWithoutACertificateIsRefusedEvenWithAGoodKey() {
        try (ActiveMQConnectionFactory factory = core(null)) {
            assertThrows(JMSRuntimeException.class, () -> factory.createContext(PSB, PSB_SYSTEM_KEY).close());
        }
        try (Client client = Client.create()) {
            assertThrows(Exception.class, () -> amqps(client, null, PSB, PSB_SYSTEM_KEY));
        }
    }

    @Test
    void aCertificateNotSignedByThePlatformsCaIsRefused() {
        try (ActiveMQConnectionFactory factory = core("rogue")) {
            assertThrows(JMSRuntimeException.class, () -> factory.createContext(PSB, PSB_SYSTEM_KEY).close());
        }
        try (Client client = Client.create()) {
            assertThrows(Exception.class, () -> amqps(client, "rogue", PSB, PSB_SYSTEM_KEY));
        }
    }

    @Test
    void aCaSignedCertificateOfTheOrganisationLogsInAndSends() throws Exception {
        try (ActiveMQConnectionFactory factory = core("psb-system"); JMSContext ctx = factory.createContext(PSB, PSB_SYSTEM_KEY)) {
            var producer = ctx.createProducer();
            DepartmentSystem.headers("tls-core-" + UUID.randomUUID()).forEach(producer::setProperty);
            assertDoesNotThrow(() -> producer.send(ctx.createQueue("pdx.in." + POPULATION), "[]"));
        }
        try (Client client = Client.create(); Connection connection = amqps(client, "psb-system", PSB, PSB_SYSTEM_KEY);
             Sender sender = connection.openSender("pdx.in." + POPULATION)) {
            send(sender, record(DepartmentSystem.citizenId(201), "拉姆", "tls-amqp-" + UUID.randomUUID()));
        }
    }

    @Test
    void aCertificateOfOneOrganisationCannotCarryAnothersKey() {
        String marketKey = apiKeys.issue("test-tls-market-" + UUID.randomUUID(), MARKET, "市场监管局系统 (test)", Set.of(Role.SYSTEM));
        try (ActiveMQConnectionFactory factory = core("psb-system")) {
            assertThrows(JMSRuntimeException.class, () -> factory.createContext(MARKET, marketKey).close(),
                    "the bureau's certificate with the market department's key");
        }
    }

    @Test
    void theBridgeToTheParentDeliversOverTlsWithTheNodesCertificate() throws Exception {
        String body = "over-tls-" + UUID.randomUUID();
        try (JMSContext ctx = nodeConnections.createContext()) {
            ctx.createProducer().send(ctx.createQueue(Addresses.linkOut(TlsPeers.PARENT_LINK)), body);
        }
        // The parent accepts only CA-signed client certificates: the node's, here too.
        try (ActiveMQConnectionFactory parent = new ActiveMQConnectionFactory("tcp://127.0.0.1:" + parentPort
                + "?reconnectAttempts=0&sslEnabled=true&" + stores("node"));
             JMSContext ctx = parent.createContext()) {
            // The node also sends its signed usage-log head up this link; look for the test's own message.
            JMSConsumer consumer = ctx.createConsumer(ctx.createQueue(Addresses.LINK_IN));
            Message arrived;
            do {
                arrived = consumer.receive(60_000);
                assertNotNull(arrived, "the bridge delivered to the parent's pdx.link.in");
            } while (!(arrived instanceof TextMessage));
            assertEquals(body, arrived.getBody(String.class));
        }
    }

    private ActiveMQConnectionFactory core(String identity) {
        return new ActiveMQConnectionFactory("tcp://127.0.0.1:" + tlsCorePort + "?reconnectAttempts=0&callTimeout=5000&sslEnabled=true&" + stores(identity));
    }

    /** Trust store always; the key store of {@code identity} when there is one. */
    private String stores(String identity) {
        String trust = "trustStoreType=PKCS12&trustStorePath=" + dir.resolve("trust.p12") + "&trustStorePassword=" + TestCertificates.PASSWORD;
        if (identity == null) {
            return trust;
        }
        return trust + "&keyStoreType=PKCS12&keyStorePath=" + dir.resolve(identity + ".p12") + "&keyStorePassword=" + TestCertificates.PASSWORD;
    }

    private Connection amqps(Client client, String identity, String user, String key) throws Exception {
        ConnectionOptions options = new ConnectionOptions().user(user).password(key).sslEnabled(true);
        options.sslOptions().trustStoreLocation(dir.resolve("trust.p12").toString()).trustStorePassword(TestCertificates.PASSWORD)
                .trustStoreType("PKCS12");
        if (identity != null) {
            options.sslOptions().keyStoreLocation(dir.resolve(identity + ".p12").toString()).keyStorePassword(TestCertificates.PASSWORD)
                    .keyStoreType("PKCS12");
        }
        Connection connection = client.connect("127.0.0.1", tlsAmqpPort, options);
        connection.openFuture().get(10, TimeUnit.SECONDS);
        return connection;
    }
}
