package org.pdxhub.hub.account;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Removes sessions idle past the timeout, which a resolve would refuse anyway, so that the table does not grow. */
@ApplicationScoped
public class SessionHousekeeping {

    @Inject
    Sessions sessions;

    @Scheduled(every = "10m", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void closeIdle() {
        sessions.closeIdle();
    }
}
