package org.pdxhub.hub.exchange;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.camel.CamelContext;
import org.jboss.logging.Logger;
import org.pdxhub.hub.audit.UsageLog;
import org.pdxhub.hub.envelope.Headers;
import org.pdxhub.hub.messaging.Addresses;
import org.pdxhub.hub.messaging.BrokerMessageIds;
import org.pdxhub.hub.messaging.BrokerSecurity;
import org.pdxhub.hub.messaging.EmbeddedBroker;
import org.pdxhub.hub.messaging.SendingSessions;
import org.pdxhub.hub.messaging.SessionSender;
import org.springframework.jms.connection.JmsResourceHolder;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Takes a department's inbound queue ({@code pdx.in.{code}}) several messages per transaction,
 * with several consumers. camel-jms commits once per message; here a consumer receives up to
 * {@link IngestConfig#batchMaxMessages()} messages (waiting at most
 * {@link IngestConfig#batchMaxWait()} for more), passes each through the gate
 * ({@link QueueMessages#ingestFromQueue}) with the usage log held in one run, commits the run,
 * then commits the broker session once. Everything the gate sends on goes on this same session:
 * the passed records ({@code pdx.agg}) through one producer of the session's own
 * ({@link SessionSender}), letters ({@code pdx.dlq}) through the node's Camel component, to which
 * the session is exposed as the thread's transactional session, as Spring's listener containers do.
 * <ul>
 *   <li>A message refused by the gate is an answer, not a failure: its refusal is logged and
 *       dead-lettered with its reason in the same transaction, and the others pass.</li>
 *   <li>A failure of the node (the usage log cannot be written, the broker refuses a send)
 *       rolls back the whole transaction: nothing of the batch reached {@code pdx.agg}, and the
 *       usage log holds none of its entries.</li>
 *   <li>After a rollback the messages of that batch are taken again after a wait (200 ms doubling
 *       to 5 s, here rather than the broker's redelivery delay, so that they come back first and
 *       in their order), one per transaction, so that a message that fails every time fails alone,
 *       without taking the others with it.</li>
 *   <li>A message that failed in every delivery but the broker's last
 *       ({@code max-delivery-attempts} of {@code pdx.in.#}) is not tried again on that last one:
 *       it is dead-lettered in the one format, with the reason (how often, and the failure's kind,
 *       never its values) and a FAILED usage-log entry, in the transaction that takes it, and can
 *       be replayed once the node is mended. Should that letter fail too, the broker moves the
 *       message to {@code pdx.dlq} itself, as before.</li>
 * </ul>
 * <b>Order with several consumers.</b> A record's version is the usage-log seq of its passage
 * (landing keeps the later one), so messages must pass the gate in the queue's order. The
 * consumers of one queue take turns: one receives its batch, passes it and commits its usage-log
 * run while holding the queue's turn, then commits its broker transaction while the next one
 * already takes and passes the following messages. They take no messages ahead of their turn
 * (no prefetch: {@code consumerWindowSize=0}), so what one receives follows, in the
 * queue, what the one before it passed. A rollback happens within the turn, and puts the
 * messages back at the head of the queue before anyone takes the next.
 * <p>
 * That is not quite enough, which is why one consumer is the default: a batch ends with a receive
 * that finds nothing, and Artemis's client answers it by forcing a delivery and resetting the
 * consumer's one credit once the broker says "nothing here". A message that reaches the queue in
 * between can still be delivered to that consumer, into its buffer, while the next one takes the
 * message behind it. With two consumers 48 of 4,000 messages sent 0–8 ms apart passed out of
 * order; with one, none ({@code QueueOrderWhileOpenTest}).
 */
@ApplicationScoped
public class QueueIngest {

    private static final Logger LOG = Logger.getLogger(QueueIngest.class);
    private static final long IDLE_RECEIVE_MS = 500;
    private static final long FIRST_BACK_OFF_MS = 200;
    private static final long MAX_BACK_OFF_MS = 5_000;
    /** Failures remembered per queue for the letter's reason: of messages taken one by one, until they pass or are lettered. */
    private static final int REMEMBERED_FAILURES = 100;
    /** Transactions on an inbound queue, by outcome: {@code committed} or {@code rolled-back}. */
    public static final String BATCHES = "pdx.ingest.batches";
    private static final String DELIVERY_COUNT = "JMSXDeliveryCount";

    @Inject
    CamelContext camel;

    @Inject
    QueueMessages messages;

    @Inject
    UsageLog usageLog;

    @Inject
    IngestIdempotency idempotency;

    @Inject
    IngestConfig config;

    @Inject
    MeterRegistry metrics;

    @Inject
    EmbeddedBroker broker;

    @Inject
    BrokerSecurity security;

    private final Map<String, Lane> lanes = new ConcurrentHashMap<>();
    private volatile ConnectionFactory takingInTurn;

    /** Opens the queue of a published resource; nothing when it is open. */
    public void open(String code) {
        lanes.computeIfAbsent(code, Lane::new).start();
    }

    /** Closes a resource's queue, after the batches in hand. */
    public void close(String code) {
        Lane lane = lanes.remove(code);
        if (lane != null) {
            lane.stop();
        }
    }

    public boolean isOpen(String code) {
        return lanes.containsKey(code);
    }

    /** When a resource's queue was opened, if it is open: the start-up order is checked against it. */
    public Optional<Instant> openedAt(String code) {
        return Optional.ofNullable(lanes.get(code)).map(l -> l.openedAt);
    }

    /** How many consumers take a resource's queue (0 when it is closed). */
    public int consumers(String code) {
        Lane lane = lanes.get(code);
        return lane == null ? 0 : lane.readers.size();
    }

    /** Closes every queue: all consumers are told at once, then awaited (each ends its batch in hand). */
    @PreDestroy
    public void closeAll() {
        List<Lane> closing = new ArrayList<>();
        for (String code : List.copyOf(lanes.keySet())) {
            Lane lane = lanes.remove(code);
            if (lane != null) {
                lane.readers.forEach(r -> r.running = false);
                closing.add(lane);
            }
        }
        ConsumerThreads.awaitEnd("pdx.in.*", closing.stream().flatMap(l -> l.readers.stream()).map(r -> r.thread).toList());
    }

    private ConnectionFactory sendingFactory() {
        return SendingSessions.componentFactory(camel);
    }

    /** Where the consumers read: the node's own in-VM login, taking no message ahead of its turn. */
    private ConnectionFactory receivingFactory() {
        if (consumers() == 1 || !broker.isEmbedded()) {
            return sendingFactory();
        }
        if (takingInTurn == null) {
            ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(EmbeddedBroker.NODE_CLIENT_URL, security.nodeUser(), security.nodePassword());
            factory.setConsumerWindowSize(0);
            takingInTurn = factory;
        }
        return takingInTurn;
    }

    /** Several consumers need the embedded broker (an in-VM login without prefetch); an external one gets one. */
    private int consumers() {
        return broker.isEmbedded() ? Math.max(1, config.consumers()) : 1;
    }

    /** One inbound queue: its consumers and the turn they take. */
    private final class Lane {
        final String code;
        final ReentrantLock turn = new ReentrantLock(true);
        final List<Reader> readers = new ArrayList<>();
        final Counter committed;
        final Counter rolledBack;
        final DistributionSummary sizes;
        // Wall time: a clock a test moves later must not move when a queue was opened at start.
        final Instant openedAt = Instant.now();
        /** Messages still to take one per transaction after a rollback; under the turn. */
        int singly;
        /** The wait before taking messages again after a rollback, doubling while batches keep failing; under the turn. */
        long backOff;
        /** The broker's deliveries of a message of this queue before it moves it to pdx.dlq. */
        final int maxDeliveries;
        /** Why each message taken alone failed last, by message id; under the turn. */
        final Map<String, String> failures = new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
                return size() > REMEMBERED_FAILURES;
            }
        };

        Lane(String code) {
            this.code = code;
            this.committed = Counter.builder(BATCHES).tag("resource", code).tag("outcome", "committed").register(metrics);
            this.rolledBack = Counter.builder(BATCHES).tag("resource", code).tag("outcome", "rolled-back").register(metrics);
            this.sizes = DistributionSummary.builder("pdx.ingest.batch.messages").description("Messages per transaction on pdx.in")
                    .tag("resource", code).register(metrics);
            for (int i = 0; i < consumers(); i++) {
                readers.add(new Reader(this, i));
            }
            // An external broker's settings cannot be read from here: it is configured as the embedded one is (deploy/PRODUCTION.md).
            this.maxDeliveries = broker.isEmbedded()
                    ? broker.server().getAddressSettingsRepository().getMatch(Addresses.inbound(code)).getMaxDeliveryAttempts()
                    : EmbeddedBroker.MAX_DELIVERY_ATTEMPTS;
        }

        synchronized void start() {
            readers.stream().filter(r -> !r.thread.isAlive() && r.running).forEach(r -> r.thread.start());
        }

        void stop() {
            readers.forEach(r -> r.running = false);
            ConsumerThreads.awaitEnd(Addresses.inbound(code), readers.stream().map(r -> r.thread).toList());
        }
    }

    private final class Reader implements Runnable {
        private final Lane lane;
        private final Thread thread;
        private volatile boolean running = true;
        /** The node id of the broker the current session is on: part of the id of a message that came without one. */
        private volatile String brokerNode;

        Reader(Lane lane, int n) {
            this.lane = lane;
            this.thread = new Thread(this, "pdx-in-" + lane.code + "-" + n);
            this.thread.setDaemon(true);
        }

        @Override
        public void run() {
            ConsumerThreads.run(Addresses.inbound(lane.code), QueueIngest.this::receivingFactory, () -> running, session -> {
                MessageConsumer consumer = session.createConsumer(session.createQueue(Addresses.inbound(lane.code)));
                brokerNode = BrokerMessageIds.brokerNode(session);
                SessionSender sender = new SessionSender(session);
                ConnectionFactory sending = sendingFactory();
                return () -> takeTurn(consumer, session, sending, sender);
            });
        }

        /** Receives and passes a batch in the queue's turn, then commits it to the broker. */
        private void takeTurn(MessageConsumer consumer, Session session, ConnectionFactory sending, SessionSender sender)
                throws JMSException {
            IngestIdempotency.Batch passages;
            int size;
            lane.turn.lock();
            try {
                List<Message> batch = receive(consumer);
                if (batch.isEmpty()) {
                    return;
                }
                size = batch.size();
                passages = pass(batch, session, sending, sender);
                if (passages == null) {
                    pause(lane.backOff); // within the turn: no one takes the messages again before the wait is over
                    return;
                }
                lane.singly = Math.max(0, lane.singly - size);
                lane.backOff = 0;
            } finally {
                lane.turn.unlock();
            }
            // The usage log holds the batch's passages; if this commit fails the broker delivers the
            // batch again, its messages pass again (they were not remembered) and are logged again.
            try {
                session.commit();
            } catch (JMSException | RuntimeException e) {
                passages.discard();
                throw e;
            }
            passages.commit();
            lane.committed.increment();
            lane.sizes.record(size);
        }

        private List<Message> receive(MessageConsumer consumer) throws JMSException {
            List<Message> batch = new ArrayList<>();
            Message first = consumer.receive(IDLE_RECEIVE_MS);
            if (first == null) {
                return batch;
            }
            batch.add(first);
            int max = lane.singly > 0 ? 1 : Math.max(1, config.batchMaxMessages());
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

        /** Passes a batch and commits its usage-log run; on a failure rolls the broker session back and returns null. */
        private IngestIdempotency.Batch pass(List<Message> batch, Session session, ConnectionFactory sending, SessionSender sender)
                throws JMSException {
            TransactionSynchronizationManager.bindResource(sending, new JmsResourceHolder(session));
            sender.bind();
            IngestIdempotency.Batch passages = idempotency.openBatch();
            try (UsageLog.Run run = usageLog.openRun()) {
                List<QueueMessages.Received> received = new ArrayList<>(batch.size());
                for (Message message : batch) {
                    received.add(read(message));
                }
                passages.lookUp(received.stream().map(QueueMessages.Received::seenKey).toList());
                for (int i = 0; i < batch.size(); i++) {
                    Message message = batch.get(i);
                    if (onItsLastDelivery(message)) {
                        messages.failedInEveryDelivery(received.get(i), message.getIntProperty(DELIVERY_COUNT) - 1,
                                lane.failures.remove(received.get(i).messageId()));
                    } else {
                        messages.ingestFromQueue(received.get(i));
                    }
                }
                run.commit();
                return passages;
            } catch (RuntimeException failed) {
                passages.discard();
                if (batch.size() == 1) {
                    lane.failures.put(messageId(batch.get(0)), ConsumerThreads.kindOf(failed));
                }
                session.rollback();
                lane.singly = Math.max(lane.singly, batch.size());
                lane.backOff = lane.backOff == 0 ? FIRST_BACK_OFF_MS : Math.min(lane.backOff * 2, MAX_BACK_OFF_MS);
                lane.rolledBack.increment();
                // The failure's kind only: a store's message may quote the values of the statement that failed.
                LOG.warnf("Queue %s: a batch of %d message(s) rolled back, nothing of it delivered (%s); taken again in %d ms,"
                        + " one message per transaction", Addresses.inbound(lane.code), batch.size(), ConsumerThreads.kindOf(failed), lane.backOff);
                LOG.debug("The failure that rolled the batch back", failed);
                return null;
            } finally {
                idempotency.closeBatch();
                SessionSender.unbind();
                TransactionSynchronizationManager.unbindResourceIfPossible(sending);
            }
        }

        /** Whether the broker moves this message to pdx.dlq if it fails once more: every delivery before failed. */
        private boolean onItsLastDelivery(Message message) throws JMSException {
            return lane.maxDeliveries > 1 && message.propertyExists(DELIVERY_COUNT)
                    && message.getIntProperty(DELIVERY_COUNT) >= lane.maxDeliveries;
        }

        private String messageId(Message message) {
            try {
                return QueueMessages.messageId(message.getStringProperty(Headers.MESSAGE_ID), BrokerMessageIds.of(message, brokerNode));
            } catch (JMSException e) {
                return null;
            }
        }


        /** Waits, outside any transaction, unless the queue is being closed. */
        private void pause(long millis) {
            if (!ConsumerThreads.pause(millis, () -> running)) {
                running = false;
            }
        }

        /** The message's body and the properties the gate reads, straight from the broker's message. */
        private QueueMessages.Received read(Message message) throws JMSException {
            Map<String, Object> properties = new HashMap<>();
            for (String name : QueueMessages.PROPERTIES) {
                Object value = message.getObjectProperty(name);
                if (value != null) {
                    properties.put(name, value);
                }
            }
            return messages.read(lane.code, properties, body(message), BrokerMessageIds.of(message, brokerNode));
        }

        /** The body as bytes: a text body (an AMQP string) in UTF-8; a body of another kind than text or bytes is none. */
        private static byte[] body(Message message) throws JMSException {
            if (message instanceof TextMessage text) {
                String body = text.getText();
                return body == null ? null : body.getBytes(StandardCharsets.UTF_8);
            }
            return message.isBodyAssignableTo(byte[].class) ? message.getBody(byte[].class) : null;
        }
    }
}
