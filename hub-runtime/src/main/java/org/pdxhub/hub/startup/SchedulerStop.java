package org.pdxhub.hub.startup;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduler;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.interceptor.Interceptor;

/**
 * Pauses the node's {@code @Scheduled} jobs as soon as the node begins to stop.
 *
 * <p>Quarkus's scheduler stops only when its bean is destroyed, at the very end of shutdown: until
 * then it goes on firing triggers while Camel, the broker and the store close. A trigger fired in
 * that last moment runs on a worker thread after the CDI container is gone and fails there
 * ("Error Occurred After Shutdown", seen in a CI run). Pausing first closes that window; a job
 * already running finishes while everything it uses is still open.
 */
@Singleton
public class SchedulerStop {

    @Inject
    Scheduler scheduler;

    void pause(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) ShutdownEvent stopping) {
        if (scheduler.isRunning()) {
            scheduler.pause();
        }
    }
}
