package org.pdxhub.hub.startup;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduler;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.interceptor.Interceptor;

/**
 * The node's {@code @Scheduled} jobs (deadlines, follow-ups, the usage log's witness, the routes
 * folder's rescan...) run only between the end of the node's start and the beginning of its stop.
 *
 * <p>Quarkus's scheduler would start with {@code StartupEvent} and stop only when its bean is
 * destroyed, at the very end of shutdown. Both ends went wrong: on a start that a later step
 * refused (demo keys in a real node's store), five jobs ran anyway and logged errors about a
 * holiday file the refused start had not yet provided, burying the real reason; and on a stop, a
 * trigger fired in the last moment ran on a worker thread after the CDI container was gone
 * ("Error Occurred After Shutdown", a CI failure). So the scheduler starts paused
 * ({@code quarkus.scheduler.start-mode=halted}), is resumed by the last start-up step, and is
 * paused by the first shutdown observer; a job already running finishes while everything it uses
 * is still open.
 */
@Singleton
public class ScheduledJobs {

    @Inject
    Scheduler scheduler;

    /** Step {@link Step#SCHEDULED_JOBS}. */
    void start() {
        scheduler.resume();
    }

    void pause(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) ShutdownEvent stopping) {
        if (scheduler.isRunning()) {
            scheduler.pause();
        }
    }
}
