package org.pdxhub.hub.messaging;

import io.quarkus.runtime.ShutdownEvent;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.Session;
import org.apache.activemq.artemis.api.core.ActiveMQException;
import org.apache.activemq.artemis.api.core.client.FailoverEventType;
import org.apache.activemq.artemis.jms.client.ActiveMQConnection;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.jms.JmsComponent;
import org.jboss.logging.Logger;
import org.pdxhub.hub.api.ProblemException;
import org.pdxhub.hub.node.HubConfig;
import org.springframework.jms.connection.JmsResourceHolder;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The node's sends to its own queues, and sessions on the broker for those that happen outside a
 * queue's consumer: a REST POST (records, a document, a peer's message over a REST link), a
 * connector's batch, a route's {@code pdx:ingest}, a notification or a relayed request after its
 * commit, a usage-log head for a witness. Through the node's Camel component alone, whose Spring
 * {@code JmsTemplate} sits on a factory that does not pool, each of these opened a connection,
 * logged in, made a session and a producer, and closed them all again for every message. On the
 * 1,000,000-row CSV that was half of the file connector's time: Camel's timer on the send read
 * 12-33 ms for a batch of 500 records, as long as the gate's whole passage of it.
 * <p>
 * One connection for these sends, made at the first; a session per passage in progress, taken from
 * those left idle (a JMS session is one thread's at a time). The session is not transacted: as
 * through the component, a persistent send returns once the broker holds the message durably. It
 * is bound to the thread for the passage, as a consumer's session is ({@link SessionSender} for the
 * gate's send, Spring's resource for the component's own sends, such as a dead letter), so every
 * send of the passage uses it. A thread already in a consumer's session or transaction keeps it:
 * the send is then part of what that consumer commits, as before.
 */
@Singleton
public class SendingSessions {

    private static final Logger LOG = Logger.getLogger(SendingSessions.class);

    /** Idle sessions kept for the next passages; more at once are closed when their passage ends. */
    private static final int IDLE_KEPT = 8;

    /** A session and its sender, with the connection it belongs to. */
    private record Lent(Connection connection, Session session, SessionSender sender) {
    }

    @Inject
    CamelContext camel;

    @Inject
    ProducerTemplate producer;

    @Inject
    EmbeddedBroker broker;

    @Inject
    HubConfig config;

    private final ConcurrentLinkedDeque<Lent> idle = new ConcurrentLinkedDeque<>();
    /** An external broker's factory for these sends alone, made at the first ({@link JmsConnectionFactoryProducer#externalSending}). */
    private ActiveMQConnectionFactory externalSending;
    private Connection connection;
    /** The sending connection lost the external broker and has not reached it again. */
    private volatile boolean externalAway;
    private boolean closed;
    /** The node is stopping: the embedded broker may stop before this bean's {@code @PreDestroy}, and the connection goes with it. */
    private volatile boolean stopping;

    /**
     * Puts a message on one of the node's queues, through the node's Camel component (the body as
     * a bytes or text message, persistent, each header a property), on this thread's session: a
     * consumer's, the passage's, or one of these for this send alone.
     */
    public void send(String queue, Object body, Map<String, Object> headers) {
        sending(() -> {
            producer.sendBodyAndHeaders(Addresses.NODE_JMS + ":queue:" + queue, body, headers);
            return null;
        });
    }

    /**
     * Puts a passage's bytes on one of the node's queues: directly on the session bound to this
     * thread, when a consumer's batch or {@link #sending} bound one (one producer, each queue looked
     * up once: {@link SessionSender}); otherwise as {@link #send}, through the node's Camel
     * component, in the transaction of the route the thread runs (a link's arrival).
     */
    public void sendBytes(String queue, byte[] body, Map<String, Object> headers) throws JMSException {
        Optional<SessionSender> bound = SessionSender.bound();
        if (bound.isPresent()) {
            bound.get().send(queue, body, headers);
        } else {
            send(queue, body, headers);
        }
    }

    /**
     * Runs a passage with a session of its own bound to this thread, unless the thread is in a
     * consumer's session already. A passage refused for what it carries (the gate's refusal, a
     * caller's mistake) gives its session back: otherwise a stream of refused messages would cost a
     * session each. One that failed in a way the session may be the reason for gives it up.
     */
    public <T> T sending(Supplier<T> passage) {
        return sending(passage, null);
    }

    /**
     * As {@link #sending(Supplier)}, and tells {@code onceDurable} the passage's result once its
     * sends are the broker's for good: at once when they went on a session of their own (not
     * transacted) or the component's; at the commit of the transaction the thread runs in, when
     * Spring synchronises one; and never when the thread is in a consumer's local transaction that
     * Spring does not synchronise (a route's transacted JMS consumer): what is told must not be
     * undone by a rollback that makes the broker deliver the message again.
     */
    public <T> T sending(Supplier<T> passage, Consumer<? super T> onceDurable) {
        ConnectionFactory factory = factory();
        if (SessionSender.bound().isPresent() || TransactionSynchronizationManager.hasResource(factory)) {
            T result = passage.get();
            if (onceDurable != null && TransactionSynchronizationManager.isSynchronizationActive()) {
                TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                    @Override
                    public void afterCommit() {
                        tell(onceDurable, result);
                    }
                });
            }
            return result;
        }
        refuseWhileTheBrokerCannotTakeIt();
        Lent lent = borrow(factory);
        if (lent == null) {
            if (!broker.isEmbedded()) {
                // The component's way would wait on the shared factory, which reconnects to an external broker for ever.
                throw unavailable();
            }
            // The component's way, as before: its send fails as a send does, answered and logged by the gate's passage.
            T result = passage.get();
            tell(onceDurable, result);
            return result;
        }
        TransactionSynchronizationManager.bindResource(factory, new JmsResourceHolder(lent.session()));
        lent.sender().bind();
        boolean sound = false;
        try {
            T result = passage.get();
            sound = true;
            tell(onceDurable, result);
            return result;
        } catch (RuntimeException e) {
            sound = !sessionSuspect(e);
            throw e;
        } finally {
            SessionSender.unbind();
            TransactionSynchronizationManager.unbindResourceIfPossible(factory);
            giveBack(lent, sound);
        }
    }

    /**
     * An embedded broker that cannot take a message now is said so before the passage begins, with
     * nothing gated, logged or queued, and the sender is told to send again later:
     * <ul>
     *   <li>one that has stopped (a critical I/O error on its journal, its folder removed): a
     *       passage that went on would wait for a connection for as long as the broker stays down,
     *       because every queue's consumer retries its own on the same factory, which makes one at a
     *       time. A REST sender waited over a minute, holding one of the node's worker threads;</li>
     *   <li>one whose disk is past its limit (max-disk-usage): it blocks every producer until there
     *       is room again, and the send would wait with it.</li>
     * </ul>
     * An external broker that the sending connection has lost is said so the same way, until the
     * connection fails over or reconnects: the URL production uses reconnects for ever, and a send
     * meanwhile waited for its call timeout (30 s) before it failed, having been logged as delivered.
     */
    private void refuseWhileTheBrokerCannotTakeIt() {
        switch (broker.intake()) {
            case STOPPED -> throw unavailable();
            case DISK_FULL -> throw ProblemException.unavailable("broker.disk-full", "Broker disk full",
                    "the node's message broker has no room left on its disk, so nothing can be queued; nothing was accepted or"
                            + " logged: send it again later, and tell the operator if it persists");
            case EXTERNAL -> {
                if (externalAway) {
                    throw unavailable();
                }
            }
            case TAKES -> {
            }
        }
    }

    private static ProblemException unavailable() {
        return ProblemException.unavailable("broker.unavailable", "Broker unavailable",
                "the node's message broker is not running or cannot be reached, so nothing can be queued; nothing was accepted or"
                        + " logged: send it again later, and tell the operator if it persists");
    }

    /**
     * Whether a passage's failure may have come from its session: the broker's or JMS's own
     * exceptions anywhere in the chain, or an answer of 5xx (a failed send is answered 503 without
     * its cause, so any 5xx is taken as one).
     */
    static boolean sessionSuspect(Throwable failure) {
        int depth = 0;
        for (Throwable t = failure; t != null && depth < 16; t = t.getCause(), depth++) {
            if (t instanceof JMSException || t instanceof org.springframework.jms.JmsException || t instanceof ActiveMQException
                    || (t instanceof ProblemException answer && answer.status() >= 500)) {
                return true;
            }
        }
        return false;
    }

    private ConnectionFactory factory() {
        return componentFactory(camel);
    }

    /** The sends are durable whatever the listener makes of it: its failure is logged, not the passage's. */
    private static <T> void tell(Consumer<? super T> onceDurable, T result) {
        if (onceDurable == null) {
            return;
        }
        try {
            onceDurable.accept(result);
        } catch (RuntimeException e) {
            LOG.warn("A passage's sends are durable, but what follows them failed: " + e);
        }
    }

    /**
     * The node's Camel component's own connection factory: its sends find a session bound to that
     * very object (Spring keys a thread's session by it), here and in the consumers that bind
     * their own sessions ({@code exchange.QueueIngest}, {@code exchange.LandingBatches}).
     */
    public static ConnectionFactory componentFactory(CamelContext camel) {
        return camel.getComponent(Addresses.NODE_JMS, JmsComponent.class).getConfiguration().getOrCreateConnectionFactory();
    }

    /** An idle session of the current connection, or a new one; null when the broker gives none. */
    private Lent borrow(ConnectionFactory factory) {
        for (Lent lent = idle.pollFirst(); lent != null; lent = idle.pollFirst()) {
            if (lent.connection() == currentConnection()) {
                return lent;
            }
            close(lent.session());
        }
        try {
            Connection c = connection(factory);
            Session session = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            return new Lent(c, session, new SessionSender(session));
        } catch (JMSException e) {
            LOG.warn("No session on the broker for a passage: " + e.getMessage());
            dropConnection(null);
            return null;
        }
    }

    private void giveBack(Lent lent, boolean sound) {
        if (sound && lent.connection() == currentConnection() && idle.size() < IDLE_KEPT) {
            idle.offerFirst(lent);
        } else {
            close(lent.session());
        }
    }

    /** The broker's id of the current connection, null before the first send: for tests that drop it. */
    public synchronized Object connectionId() {
        return connection == null ? null : ((ActiveMQConnection) connection).getSessionFactory().getConnection().getID();
    }

    private synchronized Connection currentConnection() {
        return connection;
    }

    private synchronized Connection connection(ConnectionFactory factory) throws JMSException {
        if (closed) {
            throw new JMSException("the node is stopping");
        }
        if (connection == null) {
            Connection c = sendingFactory(factory).createConnection();
            // A broken connection (an external broker gone) is dropped; the next passage makes a new one.
            c.setExceptionListener(e -> dropConnection(c));
            if (!broker.isEmbedded() && c instanceof ActiveMQConnection reconnecting) {
                reconnecting.setFailoverListener(this::externalFailover);
            }
            externalAway = false;
            connection = c;
        }
        return connection;
    }

    /**
     * Where these sends' connection comes from: the node's own factory on the embedded broker; on an
     * external one, a factory of their own whose sends give up on a fail-over that takes too long.
     * Either way the session is bound to the thread under the component's factory, where the
     * component's own sends look for it.
     */
    private ConnectionFactory sendingFactory(ConnectionFactory componentFactory) {
        if (broker.isEmbedded()) {
            return componentFactory;
        }
        if (externalSending == null) {
            externalSending = JmsConnectionFactoryProducer.externalSending(config);
        }
        return externalSending;
    }

    /** The external broker lost and found again by the sending connection, as Artemis's client reports it. */
    private void externalFailover(FailoverEventType event) {
        boolean away = event == FailoverEventType.FAILURE_DETECTED;
        if (away != externalAway && !stopping) {
            LOG.info(away ? "The node's sending connection lost the external broker: sends outside a consumer are answered 503 until it is back"
                    : "The node's sending connection reached the external broker again");
        }
        externalAway = away;
    }

    /** Forgets the connection (the given one only, when one is given) and closes it; its idle sessions go with it. */
    private void dropConnection(Connection which) {
        Connection dropped;
        synchronized (this) {
            if (connection == null || (which != null && connection != which)) {
                return;
            }
            dropped = connection;
            connection = null;
            // Whether the broker is away is the next connection's to find out: a new one fails at once if it is.
            externalAway = false;
        }
        if (stopping) {
            LOG.debug("The node's sending connection to the broker ended with the node's stop");
        } else {
            LOG.info("The node's sending connection to the broker was dropped; the next passage opens a new one");
        }
        close(dropped);
    }

    /**
     * Only marks the stop: sends made while Camel drains its routes still need a session. Quarkus
     * fires this before it stops Camel and destroys the beans, so when the broker's stop breaks the
     * connection the listener knows that nobody needs telling.
     */
    void onStop(@Observes ShutdownEvent stopping) {
        this.stopping = true;
    }

    @PreDestroy
    void stop() {
        Connection c;
        synchronized (this) {
            closed = true;
            c = connection;
            connection = null;
        }
        idle.clear();
        close(c);
        close(externalSending);
    }

    private static void close(AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception e) {
            LOG.debug("closing a sending session or connection failed", e);
        }
    }
}
