package org.pdxhub.hub.exchange;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.Session;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * What the node's own queue consumers ({@link QueueIngest}, {@link LandingBatches}) share: the
 * loop that keeps a transacted session open, how they name a failure and how they wait.
 */
final class ConsumerThreads {

    private static final Logger LOG = Logger.getLogger(ConsumerThreads.class);
    private static final long FIRST_RECONNECT_MS = 100;
    private static final long MAX_RECONNECT_MS = 5_000;

    private ConsumerThreads() {
    }

    /** A consumer's work on one broker session: made when the session opens, then called again and again while it runs. */
    interface OnSession {
        Take open(Session session) throws JMSException;
    }

    /** One turn of a consumer: receive, handle and commit or roll back, on the session it was made for. */
    interface Take {
        void next() throws JMSException;
    }

    /**
     * Runs a consumer on its thread until it is stopped: opens a connection and one transacted
     * session, takes from it while running, and when the session fails (a broker that restarts, a
     * failure the turn did not handle) opens it again after a wait, 100 ms doubling to 5 s. Whatever
     * the failed session had not committed, the broker delivers again.
     *
     * @param queue   the queue, for the log
     * @param factory where to connect; asked again at each reconnection
     */
    static void run(String queue, Supplier<ConnectionFactory> factory, BooleanSupplier running, OnSession work) {
        long wait = FIRST_RECONNECT_MS;
        while (running.getAsBoolean()) {
            try (Connection connection = factory.get().createConnection()) {
                Take take = work.open(connection.createSession(true, Session.SESSION_TRANSACTED));
                connection.start();
                wait = FIRST_RECONNECT_MS;
                while (running.getAsBoolean()) {
                    take.next();
                }
            } catch (JMSException | RuntimeException e) {
                if (!running.getAsBoolean()) {
                    return;
                }
                // The kind only: a store's message may quote the values of the statement that failed.
                LOG.warnf("%s: the consumer's broker session failed (%s); opening it again in %d ms", queue, kindOf(e), wait);
                LOG.debug("The consumer's failure", e);
                if (!pause(wait, running)) {
                    return;
                }
                wait = Math.min(wait * 2, MAX_RECONNECT_MS);
            }
        }
    }

    /**
     * How long a stop waits, in all, for the consumers it stops to end their turn: one that holds a
     * batch commits or rolls it back well within it. One blocked in a receive on a broker that went
     * away may not end at all, and each such consumer was waited for 10 s in turn: with the external
     * broker away, a node took over a minute to stop, past the service unit's 45 s.
     */
    static final Duration END_WITHIN = Duration.ofSeconds(10);

    /** Waits for the consumers' threads to end, all of them within {@link #END_WITHIN}; says which did not. */
    static void awaitEnd(String what, Collection<Thread> threads) {
        long deadline = System.nanoTime() + END_WITHIN.toNanos();
        for (Thread t : threads) {
            long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (left <= 0) {
                break;
            }
            try {
                t.join(left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        List<String> running = threads.stream().filter(Thread::isAlive).map(Thread::getName).toList();
        if (!running.isEmpty()) {
            // Daemon threads: they do not hold the JVM. What they had not committed, the broker delivers again.
            LOG.warnf("%s: %d consumer(s) did not end within %d s (%s), perhaps waiting on a broker that went away; stopping without them",
                    what, running.size(), END_WITHIN.toSeconds(), String.join(", ", running));
        }
    }

    /** The kinds of a failure and its causes, never their messages: those may quote the values that failed. */
    static String kindOf(Throwable failed) {
        List<String> kinds = new ArrayList<>();
        for (Throwable t = failed; t != null && kinds.size() < 4; t = t.getCause() == t ? null : t.getCause()) {
            kinds.add(t.getClass().getSimpleName());
        }
        return String.join(" caused by ", kinds);
    }

    /**
     * Waits, outside any transaction, until the time is up or the consumer is being stopped.
     *
     * @return false if the thread was interrupted: the consumer is to stop
     */
    static boolean pause(long millis, BooleanSupplier running) {
        long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        try {
            while (running.getAsBoolean() && System.nanoTime() < until) {
                Thread.sleep(Math.min(50, millis));
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
