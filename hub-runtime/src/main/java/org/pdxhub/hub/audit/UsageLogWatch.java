package org.pdxhub.hub.audit;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

/**
 * Keeps watch over the usage log: verifies it at start and every {@code pdx.usage-log.verify-every}
 * (from the last checkpoint), whole {@code pdx.usage-log.full-verify-after-start} after the start and
 * every {@code pdx.usage-log.full-verify-every} after that, and signs its head every
 * {@code pdx.usage-log.witness-every} and on shutdown, keeping it in the data folder and sending it to the parent.
 */
@ApplicationScoped
public class UsageLogWatch {

    private static final Logger LOG = Logger.getLogger(UsageLogWatch.class);

    @Inject
    UsageLog log;

    @Inject
    UsageWitness witness;

    private volatile String sentHash;

    /** Verify before signing: a signed head must never cover what was not checked since start. */
    public void verifyAndWitness() {
        UsageLog.Verification v = log.verify();
        if (v.intact()) {
            LOG.infof("Usage log of node %s verified: %d entries, %d walked from entry %d (key %s)", v.node(), v.entries(), v.verified(),
                    v.from(), v.keyId());
        }
        witness();
    }

    @Scheduled(every = "${pdx.usage-log.verify-every:10m}", delayed = "${pdx.usage-log.verify-every:10m}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void verify() {
        log.verify();
    }

    @Scheduled(every = "${pdx.usage-log.full-verify-every:24h}", delayed = "${pdx.usage-log.full-verify-after-start:1m}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void verifyWhole() {
        log.verify(1L);
    }

    @Scheduled(every = "${pdx.usage-log.witness-every:60s}", delayed = "${pdx.usage-log.witness-every:60s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void witness() {
        SignedHead head;
        try {
            head = log.signHead();
        } catch (RuntimeException notDurable) {
            // A full disk or a store that is down: the head signed last stays, and the next round tries again.
            LOG.warnf("The usage log's head was not signed this time: %s", notDurable.getMessage());
            return;
        }
        if (!head.hash().equals(sentHash)) {
            witness.sendUp(head);
            sentHash = head.hash();
        }
    }

    void onStop(@Observes ShutdownEvent stopping) {
        try {
            SignedHead head = log.signHead();
            witness.sendUp(head);
        } catch (RuntimeException e) {
            LOG.warnf("The usage log's head could not be signed on shutdown: %s", e.getMessage());
        }
    }
}
