package org.pdxhub.hub.startup;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduler;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.ObserverMethod;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The node's scheduled jobs run from the end of its start to the beginning of its stop (the
 * process-level checks are NodeProcessIT's: a refused start logs only its reason, and nothing is
 * warned of while the node stops).
 */
@QuarkusTest
class ScheduledJobsTest {

    @Inject
    Scheduler scheduler;

    @Inject
    ScheduledJobs jobs;

    @Inject
    StartupSequence sequence;

    @Inject
    BeanManager beans;

    @Test
    void theJobsStartWithTheLastStartUpStep() {
        List<StartupSequence.Ran> ran = sequence.ran();
        assertEquals(Step.SCHEDULED_JOBS, ran.get(ran.size() - 1).step());
        assertTrue(scheduler.isRunning(), "the scheduler runs once the node has started");
    }

    /**
     * Pausing must come before anything else closes: the first of every {@code ShutdownEvent}
     * observer, the node's and Quarkus's extensions' alike.
     */
    @Test
    void thePauseIsTheFirstShutdownObserver() {
        Set<ObserverMethod<? super ShutdownEvent>> observers = beans.resolveObserverMethods(new ShutdownEvent());
        ObserverMethod<? super ShutdownEvent> pause = observers.stream()
                .filter(o -> o.getBeanClass().equals(ScheduledJobs.class)).findFirst()
                .orElseThrow(() -> new AssertionError("ScheduledJobs observes no ShutdownEvent: " + observers));
        for (ObserverMethod<? super ShutdownEvent> other : observers) {
            if (other != pause) {
                assertTrue(pause.getPriority() < other.getPriority(), "the pause (priority " + pause.getPriority() + ") comes before "
                        + other.getBeanClass().getName() + " (priority " + other.getPriority() + ")");
            }
        }
    }

    @Test
    void shutdownPausesEveryScheduledJob() {
        try {
            // Called directly: firing ShutdownEvent would also close the store and the routes
            // that the other default-profile tests share.
            jobs.pause(new ShutdownEvent());
            assertFalse(scheduler.isRunning(), "a stopping node fires no more scheduled jobs");
        } finally {
            scheduler.resume();
        }
    }
}
