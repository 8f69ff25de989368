package org.pdxhub.hub.startup;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduler;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The node's scheduled jobs stop firing when the node begins to stop, not when the CDI container is
 * torn down (the process-level check is NodeProcessIT's "nothing is warned of while the node stops").
 */
@QuarkusTest
class SchedulerStopTest {

    @Inject
    Scheduler scheduler;

    @Inject
    SchedulerStop stop;

    @Test
    void shutdownPausesEveryScheduledJob() {
        assertTrue(scheduler.isRunning(), "the scheduler runs while the node runs");
        try {
            // Called directly: firing ShutdownEvent would also close the store and the routes
            // that the other default-profile tests share.
            stop.pause(new ShutdownEvent());
            assertFalse(scheduler.isRunning(), "a stopping node fires no more scheduled jobs");
        } finally {
            // This test shares the running node with the other default-profile tests.
            scheduler.resume();
        }
    }
}
