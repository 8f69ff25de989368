package org.pdxhub.hub.connector;

import org.apache.camel.CamelContext;
import org.apache.camel.Consumer;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.spi.ExceptionHandler;
import org.apache.camel.support.DefaultEndpoint;
import org.apache.camel.support.ScheduledPollConsumer;
import org.apache.camel.support.service.ServiceHelper;
import org.jboss.logging.Logger;
import org.pdxhub.connector.ConnectorInstance;
import org.pdxhub.connector.Health;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * An instance's polls on Camel's scheduled poll consumer, the one under Camel's file, FTP and SQL
 * consumers: a fixed delay from the end of one poll to the start of the next, and Camel's back-off.
 * A poll after which the instance is DOWN (its folder, server or database cannot be reached, or the
 * node did not take a batch) is a failed poll; after {@value #BACKOFF_ERROR_THRESHOLD} in a row the
 * next {@value #BACKOFF_MULTIPLIER} polls are skipped, so a source that is down is not hammered at
 * the poll rate, and polling goes on at its rate once a poll succeeds.
 */
final class ScheduledPolls {

    static final int BACKOFF_ERROR_THRESHOLD = 3;
    static final int BACKOFF_MULTIPLIER = 10;

    private static final Logger LOG = Logger.getLogger(ScheduledPolls.class);

    private final ScheduledExecutorService thread;
    private final ScheduledPollConsumer consumer;

    private ScheduledPolls(ScheduledExecutorService thread, ScheduledPollConsumer consumer) {
        this.thread = thread;
        this.consumer = consumer;
    }

    /** Polls the instance on a thread of its own, so that a slow department database does not hold up a folder. */
    static ScheduledPolls start(CamelContext camel, ConnectorInstance instance, Duration every) {
        ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "pdx-connector-" + instance.name());
            t.setDaemon(true);
            return t;
        });
        ConnectorEndpoint endpoint = new ConnectorEndpoint(instance.name());
        endpoint.setCamelContext(camel);
        ScheduledPollConsumer consumer = new ScheduledPollConsumer(endpoint, exchange -> {
        }, thread) {
            @Override
            protected int poll() {
                instance.poll();
                Health health = instance.health();
                if (health.status() == Health.Status.DOWN) {
                    throw new PollFailed(health.detail());
                }
                return 1;
            }
        };
        consumer.setInitialDelay(0);
        consumer.setDelay(every.toMillis());
        consumer.setUseFixedDelay(true);
        consumer.setBackoffErrorThreshold(BACKOFF_ERROR_THRESHOLD);
        consumer.setBackoffMultiplier(BACKOFF_MULTIPLIER);
        // The instance logs a cause once when it goes DOWN; a line per failed poll would flood the log.
        consumer.setExceptionHandler(new ExceptionHandler() {
            @Override
            public void handleException(Throwable cause) {
                LOG.debugf("Connector %s: a poll failed (%s)", instance.name(), cause.getMessage());
            }

            @Override
            public void handleException(String message, Throwable cause) {
                handleException(cause);
            }

            @Override
            public void handleException(String message, Exchange exchange, Throwable cause) {
                handleException(cause);
            }
        });
        ServiceHelper.startService(consumer);
        return new ScheduledPolls(thread, consumer);
    }

    /** Stops polling and waits for a poll under way to finish, so that the instance can be stopped after it. */
    void stop() {
        ServiceHelper.stopAndShutdownService(consumer);
        thread.shutdown();
        try {
            thread.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** How many polls Camel skipped in the back-off under way; 0 when polling at the instance's rate. */
    int backoffCounter() {
        return consumer.getBackoffCounter();
    }

    /** The instance went or stayed DOWN in this poll. */
    static final class PollFailed extends RuntimeException {
        PollFailed(String detail) {
            super(detail);
        }
    }

    /** What the consumer polls for: the instance, named; no route reads or writes it. */
    private static final class ConnectorEndpoint extends DefaultEndpoint {
        ConnectorEndpoint(String name) {
            super("pdx-connector://" + name, null);
        }

        @Override
        public Producer createProducer() {
            throw new UnsupportedOperationException("a connector is polled, not sent to");
        }

        @Override
        public Consumer createConsumer(Processor processor) {
            throw new UnsupportedOperationException("a connector's polls are started by the node");
        }
    }
}
