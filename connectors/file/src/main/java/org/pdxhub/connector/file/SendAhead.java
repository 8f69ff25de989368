package org.pdxhub.connector.file;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A file's batches sent on a thread of their own while the file goes on being read: the next batch
 * is read and parsed while the one before is in the gate and on the broker, where the reading
 * thread used to wait (a profile of the 1,000,000-row CSV: two thirds of its time in the send).
 * They are still sent one at a time, in the file's order, so that a record's later row passes the
 * gate later; at most {@code ahead} batches wait, so memory stays a few batches whatever the file's
 * size; and the file is done only once its last batch has been sent ({@link #finish()}). A stop
 * (an interrupt) is the node not taking the file, which then stays for the next poll.
 */
final class SendAhead<T> {

    private static final Object END = new Object();

    private final BlockingQueue<Object> waiting;
    private final Consumer<T> send;
    private final Thread sender;
    private volatile RuntimeException failed;
    private boolean ended;

    SendAhead(String threadName, int ahead, Consumer<T> send) {
        this.waiting = new ArrayBlockingQueue<>(ahead);
        this.send = send;
        this.sender = new Thread(this::sendAll, threadName);
        this.sender.setDaemon(true);
        this.sender.start();
    }

    /** Hands a full batch on, waiting while {@code ahead} are still to be sent; throws what stopped the sending. */
    void add(T batch) {
        rethrow();
        try {
            while (!waiting.offer(batch, 50, TimeUnit.MILLISECONDS)) {
                rethrow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FileFolder.NodeUnavailable("stopped while reading");
        }
    }

    /** Waits until every batch handed on has been sent; throws what stopped the sending. */
    void finish() {
        if (!ended) {
            ended = true;
            try {
                while (!waiting.offer(END, 50, TimeUnit.MILLISECONDS)) {
                    if (failed != null) {
                        break;
                    }
                }
                sender.join();
            } catch (InterruptedException e) {
                sender.interrupt();
                Thread.currentThread().interrupt();
                throw new FileFolder.NodeUnavailable("stopped while the last batches were sent");
            }
        }
        rethrow();
    }

    private void rethrow() {
        RuntimeException e = failed;
        if (e != null) {
            throw e;
        }
    }

    private void sendAll() {
        try {
            for (Object batch = waiting.take(); batch != END; batch = waiting.take()) {
                @SuppressWarnings("unchecked")
                T next = (T) batch;
                send.accept(next);
            }
        } catch (InterruptedException e) {
            failed = new FileFolder.NodeUnavailable("stopped while sending");
        } catch (RuntimeException e) {
            // Nothing after a failed batch is sent: the reader stops at its next batch and the file stays.
            failed = e;
        }
    }
}
