package org.pdxhub.bench.flow;

import org.HdrHistogram.Histogram;
import org.apache.qpid.protonj2.client.Connection;
import org.apache.qpid.protonj2.client.Message;
import org.apache.qpid.protonj2.client.Sender;
import org.apache.qpid.protonj2.client.Tracker;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * One measured run of one flow: a department system sending to {@code address} over AMQP 1.0,
 * either at a constant rate or as fast as the flow takes it, and the end of each message seen by
 * an {@link Ends}. At a constant rate each latency is measured from the time the message was
 * due to be sent, not from when it was sent: a sender held up by a slow system would otherwise
 * send later and hide the wait (coordinated omission), which is how Artemis's own perf tools
 * measure. As fast as it goes, the sender keeps at most {@code window} messages between sent and
 * ended, so the queue does not grow without bound, and latency is from the actual send.
 */
final class FlowRun {

    /** What to run: rate 0 means as fast as the flow takes it. */
    record Spec(String variant, String phase, String address, int recordsPerMessage, int rate, int window,
                Duration warmup, Duration measure) {

        boolean constantRate() {
            return rate > 0;
        }
    }

    /** What a run measured; latencies in microseconds; {@code lost}: not ended within the drain time. */
    record Outcome(Spec spec, long sent, long ended, long lost, double messagesPerSecond, double recordsPerSecond,
                   Histogram latencyMicros) {
    }

    /** Where the end of each message is seen: a consumer of the last queue, or the node's store. */
    interface Ends extends AutoCloseable {

        /** Starts watching for the ends of messages whose id starts with {@code prefix}. */
        void start(String prefix, int capacity) throws Exception;

        /** How many have ended so far; may lag by a poll. */
        long count();

        /**
         * The wall-clock end, in nanoseconds since the epoch, of each message by sequence number; 0 if not ended
         * within the timeout. It goes on counting ends until {@link #stop}.
         */
        long[] ends(long expected, Duration timeout) throws Exception;

        /** Stops counting. */
        void stop() throws Exception;

        @Override
        void close() throws Exception;
    }

    static final String PERSON = "PdxPerson";
    static final String PURPOSE = "PdxPurpose";
    static final String MESSAGE_ID = "PdxMessageId";

    /** One wall clock for both ends: nanoTime for intervals, anchored once to the epoch. */
    static final long WALL0;
    static final long NANO0;

    static {
        java.time.Instant now = java.time.Instant.now();
        NANO0 = System.nanoTime();
        WALL0 = now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    static long wallNanos(long nanoTime) {
        return WALL0 + (nanoTime - NANO0);
    }

    private FlowRun() {
    }

    static Outcome run(Spec spec, Connection connection, List<byte[]> bodies, Ends ends, String runId) throws Exception {
        String prefix = runId + "-" + spec.variant().charAt(0) + "-" + spec.phase() + "-";
        long total = spec.warmup().plus(spec.measure()).toNanos();
        int capacity = spec.constantRate()
                ? (int) Math.min(4_000_000, (long) spec.rate() * (total / 1_000_000_000L + 1))
                : 4_000_000;
        long[] sentAt = new long[capacity];
        ends.start(prefix, capacity);
        Sender sender = connection.openSender(spec.address());
        ArrayDeque<Tracker> unsettled = new ArrayDeque<>();
        long period = spec.constantRate() ? 1_000_000_000L / spec.rate() : 0;
        long t0 = System.nanoTime() + 50_000_000L;
        long measureFrom = t0 + spec.warmup().toNanos();
        long stop = t0 + total;
        int seq = 0;
        while (seq < capacity) {
            long now;
            if (spec.constantRate()) {
                long due = t0 + seq * period;
                if (due >= stop) {
                    break;
                }
                while ((now = System.nanoTime()) < due) {
                    LockSupport.parkNanos(Math.min(due - now, 200_000));
                }
                sentAt[seq] = due;
            } else {
                now = System.nanoTime();
                if (now >= stop) {
                    break;
                }
                while (seq - ends.count() >= spec.window()) {
                    LockSupport.parkNanos(100_000);
                }
                sentAt[seq] = System.nanoTime();
            }
            Message<byte[]> message = Message.create(bodies.get(seq % bodies.size()))
                    .durable(true)
                    .property(PERSON, "bench")
                    .property(PURPOSE, "benchmark")
                    .property(MESSAGE_ID, messageId(prefix, seq));
            unsettled.add(sender.send(message));
            seq++;
            // The broker settles each durable message once it is in the journal; keep only those it has not.
            while (!unsettled.isEmpty() && unsettled.peek().settled()) {
                unsettled.poll();
            }
        }
        for (Tracker t : unsettled) {
            t.awaitSettlement(30, TimeUnit.SECONDS);
        }
        sender.close();
        // A message not ended within the drain time counts at the drain's end: it is not left out of the percentiles.
        Duration drain = spec.constantRate() ? Duration.ofSeconds(30) : Duration.ofSeconds(60);
        long[] endedAt = ends.ends(seq, drain);
        long gaveUp = wallNanos(System.nanoTime());

        Histogram latency = new Histogram(3_600_000_000L, 3);
        long ended = 0;
        long unfinished = 0;
        long endedAfter = 0;
        long lastEnd = 0;
        long windowStart = wallNanos(measureFrom);
        for (int i = 0; i < seq; i++) {
            long end = endedAt[i];
            boolean measured = spec.constantRate() ? sentAt[i] >= measureFrom : end >= windowStart;
            if (end == 0) {
                unfinished++;
                end = gaveUp;
                measured = spec.constantRate() ? measured : false;
            } else {
                ended++;
                lastEnd = Math.max(lastEnd, end);
                if (end >= windowStart) {
                    endedAfter++;
                }
            }
            if (measured) {
                latency.recordValue(Math.max(0, (end - wallNanos(sentAt[i])) / 1_000));
            }
        }
        // Throughput over the measured part: the messages that ended in it, over its length or,
        // when the flow took longer to finish what it was sent, until the last one ended.
        double seconds = Math.max(wallNanos(stop), lastEnd) - windowStart;
        double perSecond = seconds <= 0 ? 0 : endedAfter / (seconds / 1e9);
        if (unfinished > 0) {
            drain(ends, seq);
        }
        ends.stop();
        return new Outcome(spec, seq, ended, unfinished, perSecond, perSecond * spec.recordsPerMessage(), latency);
    }

    /**
     * Waits, outside the measurement, until the flow has finished what it was sent (at most
     * {@link #DRAIN_MAX}), so that the next phase measures the flow and not its backlog.
     */
    static void drain(Ends ends, long sent) throws Exception {
        long deadline = System.nanoTime() + DRAIN_MAX.toNanos();
        long t0 = System.nanoTime();
        while (ends.count() < sent && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        System.out.printf(" (drained %,d of %,d in %.0f s)", ends.count(), sent, (System.nanoTime() - t0) / 1e9);
    }

    static final Duration DRAIN_MAX = Duration.ofMinutes(10);

    /**
     * A message's id: the phase's prefix and its sequence number, zero-padded so that ids sort in
     * sequence order and the landed ones can be read by a key range from the first not yet landed.
     */
    static String messageId(String prefix, int seq) {
        String digits = Integer.toString(seq);
        return prefix + "0".repeat(Math.max(0, SEQUENCE_DIGITS - digits.length())) + digits;
    }

    static final int SEQUENCE_DIGITS = 9;

    /** The sequence number at the end of a message id made by {@link #run}; -1 if it is not one. */
    static int sequence(String messageId, String prefix) {
        if (messageId == null || !messageId.startsWith(prefix)) {
            return -1;
        }
        try {
            return Integer.parseInt(messageId, prefix.length(), messageId.length(), 10);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
