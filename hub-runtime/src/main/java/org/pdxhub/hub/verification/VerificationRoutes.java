package org.pdxhub.hub.verification;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.enterprise.inject.spi.ObserverMethod;
import jakarta.inject.Inject;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.jboss.logging.Logger;
import org.pdxhub.hub.catalog.Catalog;
import org.pdxhub.hub.catalog.CatalogUpdated;
import org.pdxhub.hub.catalog.ResourceStatus;
import org.pdxhub.hub.deadletter.DeadLetterChannel;
import org.pdxhub.hub.messaging.Addresses;

/** One consumer of {@code pdx.verify.{code}} per published resource, opened and closed with the catalog. */
@ApplicationScoped
public class VerificationRoutes {

    private static final Logger LOG = Logger.getLogger(VerificationRoutes.class);

    @Inject
    Catalog catalog;

    @Inject
    VerificationQueue queue;

    private volatile boolean queuesOpen;

    /** At start, once the catalog is in the cluster's map (the start-up step {@code VERIFY_QUEUES}), as the ingest queues. */
    public void openAll(CamelContext camel) {
        queuesOpen = true;
        catalog.list(ResourceStatus.PUBLISHED, null, null, null).forEach(r -> open(camel, r.code()));
    }

    /**
     * Once the change is committed and in the cluster's map (as the ingest queues): a queue opened
     * inside the catalog's transaction would take calls the gate answers as unpublished.
     */
    void onCatalogUpdate(@Observes(during = TransactionPhase.AFTER_SUCCESS) @Priority(ObserverMethod.DEFAULT_PRIORITY + 1) CatalogUpdated updated,
                         CamelContext camel) {
        if (!queuesOpen) {
            return;
        }
        if (updated.spec() == null) {
            close(camel, updated.code());
        } else {
            open(camel, updated.code());
        }
    }

    static String routeId(String code) {
        return "pdx-verify-" + code;
    }

    private void open(CamelContext camel, String code) {
        if (camel.getRoute(routeId(code)) != null) {
            return;
        }
        try {
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    // A failure of the node before the answer is sent rolls the call back: the broker redelivers it.
                    from(Addresses.NODE_JMS + ":queue:" + VerificationQueue.address(code) + "?transacted=true").routeId(routeId(code))
                            .routeConfigurationId(DeadLetterChannel.ID)
                            .process(e -> queue.answer(e, code));
                }
            });
        } catch (Exception e) {
            throw new IllegalStateException("could not open queue " + VerificationQueue.address(code), e);
        }
    }

    private void close(CamelContext camel, String code) {
        try {
            camel.getRouteController().stopRoute(routeId(code));
            camel.removeRoute(routeId(code));
        } catch (Exception e) {
            LOG.warnf("Could not close the verification queue of %s: %s", code, e.getMessage());
        }
    }
}
