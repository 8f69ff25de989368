package org.pdxhub.hub.messaging;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSSecurityRuntimeException;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.qpid.protonj2.client.Client;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.pdxhub.hub.access.ApiKeys;
import org.pdxhub.hub.access.Role;
import org.pdxhub.hub.testing.DemoKeys;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pdxhub.hub.messaging.DepartmentSystem.amqp;

/**
 * Guessing a department's broker key: after five wrong keys from one address within a minute,
 * that user is refused from that address for the back-off time, even with the right key and over
 * the other protocol, with one log line and a counter; other users and other addresses log in.
 */
@QuarkusTest
public class BrokerLoginLimitTest {

    private static final String GUESSER = "127.0.0.1";
    private static final String ELSEWHERE = "127.0.0.2";

    @ConfigProperty(name = "pdx.broker.core-port")
    int corePort;

    @ConfigProperty(name = "pdx.broker.amqp-port")
    int amqpPort;

    @Inject
    ApiKeys apiKeys;

    @Inject
    MeterRegistry metrics;

    @Inject
    Clock clock;

    private final List<LogRecord> warnings = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
                warnings.add(record);
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void captureWarnings() {
        Logger.getLogger(BrokerSecurity.class.getName()).addHandler(capture);
    }

    @AfterEach
    void stopCapturing() {
        Logger.getLogger(BrokerSecurity.class.getName()).removeHandler(capture);
    }

    @Test
    void fiveWrongKeysLockTheUserOutOfThatAddressEvenWithTheRightKeyUntilTheBackOffPasses() throws Exception {
        String hrssKey = systemKey(DemoKeys.HRSS);
        String marketKey = systemKey(DemoKeys.MARKET);
        double lockedOutBefore = refused("locked-out");

        for (int guess = 1; guess <= 5; guess++) {
            String wrong = "guess-" + guess + "-" + UUID.randomUUID();
            assertThrows(JMSSecurityRuntimeException.class, () -> login(DemoKeys.HRSS, wrong, GUESSER), "guess " + wrong);
        }

        assertThrows(JMSSecurityRuntimeException.class, () -> login(DemoKeys.HRSS, hrssKey, GUESSER),
                "locked out: the right key is not even looked at");
        try (Client client = Client.create()) {
            assertThrows(Exception.class, () -> amqp(client, amqpPort, DemoKeys.HRSS, hrssKey).close(), "over AMQP as well");
        }
        assertTrue(refused("locked-out") >= lockedOutBefore + 2, "counted as pdx_broker_login_refused_total{reason=locked-out}");

        assertDoesNotThrow(() -> login(DemoKeys.MARKET, marketKey, GUESSER), "another user from the same address");
        assertDoesNotThrow(() -> login(DemoKeys.HRSS, hrssKey, ELSEWHERE), "the same user from another address");

        List<String> lockouts = warnings.stream().map(LogRecord::getMessage).filter(m -> m.contains("broker.auth.locked-out")).toList();
        assertEquals(1, lockouts.size(), "one line per lock-out: " + lockouts);
        assertTrue(lockouts.get(0).contains(DemoKeys.HRSS) && lockouts.get(0).contains(GUESSER), lockouts.get(0));
        assertFalse(lockouts.get(0).contains("guess-") || lockouts.get(0).contains(hrssKey), "never a key: " + lockouts.get(0));

        QuarkusMock.installMockForType(Clock.offset(Clock.system(clock.getZone()), Duration.ofMinutes(6)), Clock.class);
        assertDoesNotThrow(() -> login(DemoKeys.HRSS, hrssKey, GUESSER), "after the back-off the right key logs in again");
    }

    /** Logs in over CORE from {@code fromAddress} (any 127/8 address reaches the broker on loopback). */
    private void login(String user, String key, String fromAddress) throws IOException {
        // Artemis binds the local address only together with a local port.
        int localPort;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getByName(fromAddress))) {
            localPort = free.getLocalPort();
        }
        try (ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory("tcp://127.0.0.1:" + corePort
                + "?reconnectAttempts=0&localAddress=" + fromAddress + "&localPort=" + localPort);
             JMSContext ctx = factory.createContext(user, key)) {
            ctx.createProducer();
        }
    }

    private String systemKey(String organisation) {
        return apiKeys.issue("test-login-limit-" + UUID.randomUUID(), organisation, "登录限制测试系统 (test)", Set.of(Role.SYSTEM));
    }

    private double refused(String reason) {
        Counter counter = metrics.find("pdx.broker.login.refused").tag("reason", reason).counter();
        return counter == null ? 0 : counter.count();
    }
}
