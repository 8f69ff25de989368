package org.pdxhub.hub.exchange;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.component.jms.JmsBinding;
import org.apache.camel.component.jms.JmsComponent;
import org.apache.camel.component.jms.JmsMessage;
import org.apache.camel.support.DefaultExchange;
import org.jboss.logging.Logger;
import org.pdxhub.hub.audit.UsageLog;
import org.pdxhub.hub.envelope.Headers;
import org.pdxhub.hub.messaging.Addresses;
import org.springframework.jms.connection.JmsResourceHolder;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Takes a department's inbound queue ({@code pdx.in.{code}}) several messages per transaction.
 * camel-jms commits once per message; this consumer receives up to
 * {@link IngestConfig#batchMaxMessages()} messages (waiting at most
 * {@link IngestConfig#batchMaxWait()} for more), passes each through the gate
 * ({@link ExchangeService#ingestFromQueue}) with the usage log held in one run, commits the run,
 * then commits the broker session once. Everything the gate sends on (to {@code pdx.agg}, to
 * {@code pdx.dlq}) goes through the node's Camel component on this same session: the session is
 * exposed to it as the thread's transactional session, as Spring's listener containers do.
 * <ul>
 *   <li>A message refused by the gate is an answer, not a failure: its refusal is logged and
 *       dead-lettered with its reason in the same transaction, and the others pass.</li>
 *   <li>A failure of the node (the usage log cannot be written, the broker refuses a send)
 *       rolls back the whole transaction: nothing of the batch reached {@code pdx.agg}, and the
 *       usage log holds none of its entries. The broker redelivers.</li>
 *   <li>After a rollback the messages of that batch are taken again after a wait (200 ms doubling
 *       to 5 s, here rather than the broker's redelivery delay, so that they come back first and
 *       in their order), one per transaction, so that a message that fails every time fails alone
 *       and is dead-lettered by the broker after its attempts, without taking the others with it.</li>
 * </ul>
 * One consumer per queue: the usage-log seq of each passage follows the queue's order, and
 * landing keeps the later passage of a record.
 */
@ApplicationScoped
public class QueueIngest {

    private static final Logger LOG = Logger.getLogger(QueueIngest.class);
    private static final long IDLE_RECEIVE_MS = 500;
    private static final long FIRST_BACK_OFF_MS = 200;
    private static final long MAX_BACK_OFF_MS = 5_000;
    /** Transactions on an inbound queue, by outcome: {@code committed} or {@code rolled-back}. */
    public static final String BATCHES = "pdx.ingest.batches";

    @Inject
    CamelContext camel;

    @Inject
    ExchangeService exchange;

    @Inject
    UsageLog usageLog;

    @Inject
    IngestIdempotency idempotency;

    @Inject
    IngestConfig config;

    @Inject
    MeterRegistry metrics;

    private final Map<String, Reader> readers = new ConcurrentHashMap<>();

    /** Opens the queue of a published resource; nothing when it is open. */
    public void open(String code) {
        readers.computeIfAbsent(code, c -> {
            Reader reader = new Reader(c);
            reader.thread.start();
            return reader;
        });
    }

    /** Closes a resource's queue, after the batch in hand. */
    public void close(String code) {
        Reader reader = readers.remove(code);
        if (reader != null) {
            reader.stop();
        }
    }

    public boolean isOpen(String code) {
        return readers.containsKey(code);
    }

    @PreDestroy
    public void closeAll() {
        List.copyOf(readers.keySet()).forEach(this::close);
    }

    /** The node's Camel component's own connection factory: its sends find this session bound to that very object. */
    private ConnectionFactory connectionFactory() {
        return camel.getComponent(Addresses.NODE_JMS, JmsComponent.class).getConfiguration().getOrCreateConnectionFactory();
    }

    private final class Reader implements Runnable {
        private final String code;
        private final Thread thread;
        private final JmsBinding binding = new JmsBinding();
        private volatile boolean running = true;
        /** Messages still to take one per transaction after a rollback. */
        private int singly;
        /** The wait before taking messages again after a rollback; doubles while batches keep failing. */
        private long backOff;

        private final Counter committed;
        private final Counter rolledBack;
        private final DistributionSummary sizes;

        Reader(String code) {
            this.code = code;
            this.committed = Counter.builder(BATCHES).tag("resource", code).tag("outcome", "committed").register(metrics);
            this.rolledBack = Counter.builder(BATCHES).tag("resource", code).tag("outcome", "rolled-back").register(metrics);
            this.sizes = DistributionSummary.builder("pdx.ingest.batch.messages").description("Messages per transaction on pdx.in")
                    .tag("resource", code).register(metrics);
            this.thread = new Thread(this, "pdx-in-" + code);
            this.thread.setDaemon(true);
        }

        void stop() {
            running = false;
            try {
                thread.join(TimeUnit.SECONDS.toMillis(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public void run() {
            long wait = 100;
            while (running) {
                ConnectionFactory factory = connectionFactory();
                try (Connection connection = factory.createConnection()) {
                    Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
                    MessageConsumer consumer = session.createConsumer(session.createQueue(Addresses.inbound(code)));
                    connection.start();
                    wait = 100;
                    while (running) {
                        List<Message> batch = receive(consumer);
                        if (!batch.isEmpty() && !pass(batch, session, factory)) {
                            pause(backOff);
                        }
                    }
                } catch (JMSException | RuntimeException e) {
                    if (!running) {
                        return;
                    }
                    LOG.warnf("Queue %s: the broker session failed (%s); opening it again in %d ms", Addresses.inbound(code), e, wait);
                    pause(wait);
                    wait = Math.min(wait * 2, MAX_BACK_OFF_MS);
                }
            }
        }

        private List<Message> receive(MessageConsumer consumer) throws JMSException {
            List<Message> batch = new ArrayList<>();
            Message first = consumer.receive(IDLE_RECEIVE_MS);
            if (first == null) {
                return batch;
            }
            batch.add(first);
            int max = singly > 0 ? 1 : Math.max(1, config.batchMaxMessages());
            long deadline = System.nanoTime() + config.batchMaxWait().toNanos();
            while (batch.size() < max) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                Message next = left <= 0 ? consumer.receiveNoWait() : consumer.receive(left);
                if (next == null) {
                    break;
                }
                batch.add(next);
            }
            return batch;
        }

        /** Waits, outside any transaction, unless the queue is being closed. */
        private void pause(long millis) {
            long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
            try {
                while (running && System.nanoTime() < until) {
                    Thread.sleep(Math.min(50, millis));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                running = false;
            }
        }

        /** Passes a batch in one transaction; false when it rolled back. */
        private boolean pass(List<Message> batch, Session session, ConnectionFactory factory) throws JMSException {
            TransactionSynchronizationManager.bindResource(factory, new JmsResourceHolder(session));
            idempotency.openBatch();
            try (UsageLog.Run run = usageLog.openRun()) {
                for (Message message : batch) {
                    exchange.ingestFromQueue(toExchange(message, session));
                }
                run.commit();
            } catch (RuntimeException failed) {
                idempotency.discardBatch();
                session.rollback();
                singly = Math.max(singly, batch.size());
                backOff = backOff == 0 ? FIRST_BACK_OFF_MS : Math.min(backOff * 2, MAX_BACK_OFF_MS);
                rolledBack.increment();
                LOG.warnf("Queue %s: a batch of %d message(s) rolled back, nothing of it delivered (%s); taken again in %d ms,"
                        + " one message per transaction", Addresses.inbound(code), batch.size(), failed.toString(), backOff);
                return false;
            } finally {
                TransactionSynchronizationManager.unbindResourceIfPossible(factory);
            }
            // The usage log holds the batch's passages; if this commit fails the broker delivers the
            // batch again, its messages pass again (they were not remembered) and are logged again.
            session.commit();
            idempotency.commitBatch();
            singly = Math.max(0, singly - batch.size());
            backOff = 0;
            committed.increment();
            sizes.record(batch.size());
            return true;
        }

        /** The message as the route template had it: the resource from the queue, the broker's id when the sender gave none. */
        private Exchange toExchange(Message message, Session session) {
            Exchange e = new DefaultExchange(camel);
            JmsMessage in = new JmsMessage(e, message, session, binding);
            e.setIn(in);
            in.setHeader(Headers.RESOURCE, code);
            if (in.getHeader(Headers.MESSAGE_ID) == null) {
                in.setHeader(Headers.MESSAGE_ID, in.getHeader("JMSMessageID"));
            }
            return e;
        }
    }
}
