package org.pdxhub.hub.exchange;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.component.jms.JmsBinding;
import org.apache.camel.component.jms.JmsMessage;
import org.apache.camel.support.DefaultExchange;
import org.jboss.logging.Logger;
import org.pdxhub.hub.deadletter.DeadLetters;
import org.pdxhub.hub.deadletter.Refusal;
import org.pdxhub.hub.envelope.Headers;
import org.pdxhub.hub.messaging.Addresses;
import org.pdxhub.hub.store.Store;
import org.pdxhub.hub.store.StoreFailures;
import org.pdxhub.hub.messaging.SendingSessions;
import org.springframework.jms.connection.JmsResourceHolder;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Lands the aggregation queue ({@code pdx.agg}) several messages per store transaction and one
 * broker commit. Each store commit writes every page it changed (H2 with {@code WRITE_DELAY=0},
 * a WAL flush on PostgreSQL), whatever the number of records in it: landing one message per
 * commit spent half of landing's time committing. camel-jms commits once per exchange and has no
 * batch consumer, and an {@code aggregate} in a transacted route acknowledges each message as it
 * joins, before it is landed; so this is a consumer of our own, as {@link QueueIngest} is.
 * <ul>
 *   <li>A consumer receives up to {@link LandingConfig#batchMaxMessages()} messages, waiting at
 *       most {@link LandingConfig#batchMaxWait()} for more, lands them in order in one store
 *       transaction, sends them on to the parent, and commits the broker session: a crash before
 *       the store's commit lands none of them, one between the two commits has the broker deliver
 *       them again, and {@code landed_message} lands each once.</li>
 *   <li>Versions of one record keep their order: the gate puts a record's messages in one group
 *       ({@code JMSXGroupID}), which the broker gives to one consumer in order, and a record is
 *       replaced only by a later gate passage's ({@code dataset_record.passage_seq}).</li>
 *   <li>A message the store refuses (its data, never the store's health) fails the batch's
 *       transaction; the batch is then landed one message per transaction, so that message fails
 *       alone and goes to {@code pdx.dlq} with its reason ({@code land.unlandable}) on the same
 *       broker transaction, and the others land.</li>
 *   <li>While the store cannot be written (a full disk, a lost database) the consumer keeps the
 *       batch in hand and tries again (back-off from {@link LandingConfig#retryFirst()} to
 *       {@link LandingConfig#retryMax()}, for ever), so the broker's delivery attempts are not
 *       spent on it; at shutdown it gives up and rolls back, and the broker keeps the messages.</li>
 * </ul>
 */
@ApplicationScoped
public class LandingBatches {

    private static final Logger LOG = Logger.getLogger(LandingBatches.class);
    private static final long IDLE_RECEIVE_MS = 500;
    static final String UNLANDABLE = "land.unlandable";
    /** Messages taken from {@code pdx.agg}, by outcome: {@code landed} (or landed before) or {@code dead-lettered}. */
    public static final String MESSAGES = "pdx.landing.messages";

    @Inject
    CamelContext camel;

    @Inject
    Landing landing;

    @Inject
    DeadLetters deadLetters;

    @Inject
    LandingConfig config;

    @Inject
    MeterRegistry metrics;

    @Inject
    Store store;

    private final List<Reader> readers = new ArrayList<>();
    /** Bodies landed in one store transaction at most: as configured, else the store's own (LandingConfig). */
    private long maxBytes;
    private Counter landed;
    private Counter lettered;
    private DistributionSummary sizes;

    /** Starts the consumers, once the store is open (the start-up step {@code LANDING}); nothing when they run. */
    public synchronized void start() {
        if (!readers.isEmpty()) {
            return;
        }
        maxBytes = config.batchMaxBytes().map(MemorySize::asLongValue)
                .orElse("h2".equals(store.kind()) ? LandingConfig.H2_BATCH_MAX_BYTES : LandingConfig.POSTGRESQL_BATCH_MAX_BYTES);
        landed = Counter.builder(MESSAGES).tag("outcome", "landed").register(metrics);
        lettered = Counter.builder(MESSAGES).tag("outcome", "dead-lettered").register(metrics);
        sizes = DistributionSummary.builder("pdx.landing.batch.messages").description("Messages per store transaction on pdx.agg")
                .register(metrics);
        for (int i = 0; i < Math.max(1, config.consumers()); i++) {
            Reader r = new Reader(i);
            readers.add(r);
            r.thread.start();
        }
    }

    /** How many consumers land the queue (0 before start-up's landing step). */
    public synchronized int consumers() {
        return readers.size();
    }

    /** Stops before Camel and the broker: a batch in hand is committed or rolled back, not cut. */
    void stopping(@Observes ShutdownEvent event) {
        stop();
    }

    @PreDestroy
    synchronized void stop() {
        readers.forEach(r -> r.running = false);
        ConsumerThreads.awaitEnd(Addresses.AGGREGATION, readers.stream().map(r -> r.thread).toList());
    }

    /** The node's Camel component's connection factory: its sends (forwarding up, letters) find the consumer's session bound to it. */
    private ConnectionFactory factory() {
        return SendingSessions.componentFactory(camel);
    }

    private final class Reader implements Runnable {
        private final Thread thread;
        private final JmsBinding binding = new JmsBinding();
        private volatile boolean running = true;

        Reader(int n) {
            this.thread = new Thread(this, "pdx-land-" + n);
            this.thread.setDaemon(true);
        }

        @Override
        public void run() {
            ConsumerThreads.run(Addresses.AGGREGATION, LandingBatches.this::factory, () -> running, session -> {
                MessageConsumer consumer = session.createConsumer(session.createQueue(Addresses.AGGREGATION));
                ConnectionFactory factory = factory();
                return () -> take(consumer, session, factory);
            });
        }

        /** Receives a batch, lands it in one store transaction, sends it on and commits the broker session. */
        private void take(MessageConsumer consumer, Session session, ConnectionFactory factory) throws JMSException {
            List<Exchange> batch = receive(consumer, session);
            if (batch.isEmpty()) {
                return;
            }
            TransactionSynchronizationManager.bindResource(factory, new JmsResourceHolder(session));
            try {
                List<Exchange> stored = land(batch);
                if (stored == null) {
                    session.rollback(); // stopping with the store down: the broker keeps the batch
                    return;
                }
                stored.forEach(landing::forward);
                session.commit();
                landed.increment(stored.size());
                lettered.increment(batch.size() - stored.size());
                sizes.record(batch.size());
            } catch (JMSException | RuntimeException e) {
                // Delivered again; what the store committed is skipped then (landed_message).
                session.rollback();
                throw e;
            } finally {
                TransactionSynchronizationManager.unbindResourceIfPossible(factory);
            }
        }

        private List<Exchange> receive(MessageConsumer consumer, Session session) throws JMSException {
            List<Exchange> batch = new ArrayList<>();
            Message first = consumer.receive(IDLE_RECEIVE_MS);
            if (first == null) {
                return batch;
            }
            long bytes = add(batch, first, session);
            long deadline = System.nanoTime() + config.batchMaxWait().toNanos();
            while (batch.size() < Math.max(1, config.batchMaxMessages()) && bytes < maxBytes) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                Message next = left <= 0 ? consumer.receiveNoWait() : consumer.receive(left);
                if (next == null) {
                    break;
                }
                bytes += add(batch, next, session);
            }
            return batch;
        }

        /**
         * Lands the messages in one store transaction; if the store refuses one, each alone, the
         * refused ones dead-lettered. Returns those landed, or null when stopping while the store
         * cannot be written.
         */
        private List<Exchange> land(List<Exchange> batch) {
            long wait = config.retryFirst().toMillis();
            while (true) {
                try {
                    QuarkusTransaction.requiringNew().run(() -> landing.storeAll(batch));
                    return batch;
                } catch (RuntimeException failed) {
                    if (StoreFailures.isStoreFailure(failed)) {
                        LOG.warnf("%s: the store cannot be written (%s); %d message(s) kept in hand, landed again in %d ms",
                                Addresses.AGGREGATION, ConsumerThreads.kindOf(failed), batch.size(), wait);
                        pause(wait);
                        if (!running) {
                            return null;
                        }
                        wait = Math.min(wait * 2, config.retryMax().toMillis());
                    } else if (batch.size() == 1) {
                        letter(batch.get(0), failed);
                        return List.of();
                    } else {
                        List<Exchange> stored = new ArrayList<>();
                        for (Exchange one : batch) {
                            List<Exchange> alone = land(List.of(one));
                            if (alone == null) {
                                return null;
                            }
                            stored.addAll(alone);
                        }
                        return stored;
                    }
                }
            }
        }

        /** A message that can never land: to pdx.dlq with its reason, on the consumer's broker transaction. */
        private void letter(Exchange refused, Throwable failure) {
            var m = refused.getMessage();
            deadLetters.refuse(refused, Refusal.because(UNLANDABLE, DeadLetters.reason(failure)).ofTheNode()
                    .from(Addresses.AGGREGATION).sentBy(m.getHeader(Headers.PROVIDER, String.class))
                    .about(m.getHeader(Headers.RESOURCE, String.class), m.getHeader(Headers.MESSAGE_ID, String.class)));
        }

        /**
         * Adds the message to the batch with its body read now: a large message (over
         * {@code EmbeddedBroker.NODE_MIN_LARGE_MESSAGE_SIZE}) streams its body through the
         * consumer, and receiving the next message of the batch would leave it unreadable.
         * Returns the body's size.
         */
        private long add(List<Exchange> batch, Message message, Session session) {
            Exchange e = new DefaultExchange(camel);
            JmsMessage in = new JmsMessage(e, message, session, binding);
            e.setIn(in);
            byte[] body = in.getBody(byte[].class);
            in.setBody(body);
            batch.add(e);
            return body == null ? 0 : body.length;
        }

        /** Waits, outside any transaction, unless the consumer is being stopped. */
        private void pause(long millis) {
            if (!ConsumerThreads.pause(millis, () -> running)) {
                running = false;
            }
        }
    }
}
