package org.pdxhub.hub.startup;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduler;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.List;

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

    @Test
    void theJobsStartWithTheLastStartUpStep() {
        List<StartupSequence.Ran> ran = sequence.ran();
        assertEquals(Step.SCHEDULED_JOBS, ran.get(ran.size() - 1).step());
        assertTrue(scheduler.isRunning(), "the scheduler runs once the node has started");
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
