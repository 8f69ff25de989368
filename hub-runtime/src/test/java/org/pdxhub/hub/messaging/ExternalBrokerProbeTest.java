package org.pdxhub.hub.messaging;

import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Readiness with an external broker answers within its bound whatever the broker does: up, not
 * listening, or taking the connection and never answering (a broker hung on its disk, a firewall
 * that swallows packets), where a login waited for the client's call timeout of 30 s.
 */
class ExternalBrokerProbeTest {

    private static final Duration BOUND = ExternalBrokerProbe.ANSWER_WITHIN.plusSeconds(1);

    @Test
    void aBrokerThatTakesTheConnectionAndNeverAnswersIsDownWithinTheBoundEveryTimeItIsAsked() throws Exception {
        try (ServerSocket blackHole = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            List<Socket> held = new ArrayList<>();
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        held.add(blackHole.accept());
                    }
                } catch (Exception closed) {
                    // the test is over
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            try (ExternalBrokerProbe probe = new ExternalBrokerProbe("tcp://127.0.0.1:" + blackHole.getLocalPort())) {
                for (int i = 0; i < 3; i++) {
                    long began = System.nanoTime();
                    String problem = probe.problem();
                    Duration took = Duration.ofNanos(System.nanoTime() - began);
                    assertNotNull(problem, "a broker that never answers is down");
                    assertTrue(took.compareTo(BOUND) < 0, "probe " + i + " answered in " + took + ": " + problem);
                }
            }
        }
    }

    @Test
    void aBrokerNotListeningIsDownAtOnce() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        try (ExternalBrokerProbe probe = new ExternalBrokerProbe("tcp://127.0.0.1:" + port)) {
            long began = System.nanoTime();
            assertNotNull(probe.problem());
            assertTrue(Duration.ofNanos(System.nanoTime() - began).compareTo(BOUND) < 0);
        }
    }

    @Test
    void aBrokerThatTakesALoginIsUp() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        EmbeddedActiveMQ broker = new EmbeddedActiveMQ().setConfiguration(new ConfigurationImpl().setPersistenceEnabled(false)
                .setSecurityEnabled(false).addAcceptorConfiguration("tcp", "tcp://127.0.0.1:" + port));
        broker.start();
        try (ExternalBrokerProbe probe = new ExternalBrokerProbe("tcp://127.0.0.1:" + port)) {
            assertNull(probe.problem());
            assertNull(probe.problem(), "and again");
        } finally {
            broker.stop();
        }
    }
}
