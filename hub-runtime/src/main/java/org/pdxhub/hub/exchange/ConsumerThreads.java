package org.pdxhub.hub.exchange;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** What the node's own queue consumers ({@link QueueIngest}, {@link LandingBatches}) share: how they name a failure and how they wait. */
final class ConsumerThreads {

    private ConsumerThreads() {
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
