package org.pdxhub.plugins.documents;

import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs parses on a fixed number of threads with a bounded queue, and gives up on one after its
 * timeout: the guard is cancelled (the parse fails at its next read or write) and the thread
 * interrupted. A parser stuck without reading or writing keeps its thread until it ends, so the
 * number of threads bounds what stuck parses can take; when all are taken, new scans are refused.
 */
final class BoundedRunner implements AutoCloseable {

    /** What a caller sees when the work did not complete. */
    static final class Failed extends Exception {
        final ScanReport.Refusal refusal;

        Failed(ScanReport.Refusal refusal, Throwable cause) {
            super(refusal == null ? null : refusal.detail(), cause, false, false);
            this.refusal = refusal;
        }
    }

    private final ThreadPoolExecutor executor;

    BoundedRunner(String name, int threads, int queue) {
        AtomicInteger count = new AtomicInteger();
        executor = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(queue),
                task -> {
                    Thread t = new Thread(task, name + "-" + count.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
    }

    /**
     * @return the work's result
     * @throws Failed with the guard's refusal (timeout, busy, or a limit the work reached), or with
     *                a null refusal and the work's exception as cause when no limit explains it
     */
    <T> T run(Callable<T> work, Duration timeout, ParseGuard guard) throws Failed {
        Future<T> future;
        try {
            future = executor.submit(work);
        } catch (RejectedExecutionException e) {
            throw new Failed(guard.trip(RefusalReason.BUSY, "all " + executor.getMaximumPoolSize()
                    + " scanning threads are busy and " + executor.getQueue().size()
                    + " scans are waiting (max-parallel-scans): try again shortly"), null);
        }
        try {
            return future.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            guard.trip(RefusalReason.PARSE_TIMEOUT, "reading the document took longer than " + timeout.toMillis()
                    + " ms (parse-timeout): send a smaller or simpler document");
            guard.cancel();
            future.cancel(true);
            throw new Failed(guard.tripped(), null);
        } catch (InterruptedException e) {
            guard.cancel();
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new Failed(null, e);
        } catch (ExecutionException e) {
            throw new Failed(guard.tripped(), e.getCause());
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
