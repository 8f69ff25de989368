package org.pdxhub.hub.messaging;

import jakarta.jms.Connection;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Whether an external broker takes a login, answered within {@link #ANSWER_WITHIN}. Readiness
 * asked the node's own connection factory, which every queue consumer also reconnects through
 * while the broker is away: the factory makes one connection at a time, each attempt may wait for
 * a TCP connect or a call timeout (10-30 s), and the URL production uses reconnects for ever. A
 * probe that waits that long answers nothing to the load balancer asking. So the probe has a
 * factory of its own that tries once, and an attempt that does not end in time is reported DOWN
 * while it runs on; the next probe waits for that attempt rather than start another.
 */
final class ExternalBrokerProbe implements AutoCloseable {

    static final Duration ANSWER_WITHIN = Duration.ofSeconds(2);

    private final ActiveMQConnectionFactory factory;
    private final ExecutorService attempts = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "pdx-broker-probe");
        t.setDaemon(true);
        return t;
    });
    private Future<?> attempt;

    ExternalBrokerProbe(String url) {
        factory = new ActiveMQConnectionFactory(url);
        factory.setInitialConnectAttempts(1);
        factory.setReconnectAttempts(0);
        factory.setCallTimeout(ANSWER_WITHIN.toMillis());
        factory.setCallFailoverTimeout(ANSWER_WITHIN.toMillis());
    }

    /** Null when the broker took a login; otherwise why it is taken for down. */
    synchronized String problem() {
        if (attempt == null || attempt.isDone()) {
            attempt = attempts.submit(() -> {
                try (Connection c = factory.createConnection()) {
                    return null;
                }
            });
        }
        try {
            attempt.get(ANSWER_WITHIN.toMillis(), TimeUnit.MILLISECONDS);
            return null;
        } catch (TimeoutException e) {
            return "the broker did not answer a login within " + ANSWER_WITHIN.toMillis() + " ms";
        } catch (ExecutionException e) {
            return String.valueOf(e.getCause().getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    @Override
    public void close() {
        attempts.shutdownNow();
        factory.close();
    }
}
