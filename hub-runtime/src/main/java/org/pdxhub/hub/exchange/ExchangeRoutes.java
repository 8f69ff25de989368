package org.pdxhub.hub.exchange;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.enterprise.inject.spi.ObserverMethod;
import jakarta.inject.Inject;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import io.quarkus.runtime.ShutdownEvent;
import org.jboss.logging.Logger;
import org.pdxhub.hub.catalog.Catalog;
import org.pdxhub.hub.catalog.CatalogUpdated;
import org.pdxhub.hub.deadletter.DeadLetterChannel;
import org.pdxhub.hub.messaging.Addresses;


/**
 * The node's standing routes: arrivals from linked nodes; landing of aggregated records
 * ({@link LandingBatches}, several messages per store transaction) once the store is open; and
 * one inbound queue per published resource ({@link QueueIngest}, several messages per
 * transaction), opened when a resource is published and closed when it is retired.
 */
@ApplicationScoped
public class ExchangeRoutes extends RouteBuilder {

    private static final Logger LOG = Logger.getLogger(ExchangeRoutes.class);
    static final String LINK_IN_ROUTE = "pdx-link-in";

    @Inject
    Catalog catalog;

    @Inject
    Datasets datasets;

    @Inject
    LandingBatches landing;

    @Inject
    QueueIngest queueIngest;

    private volatile boolean queuesOpen;

    @Override
    public void configure() {
        // Records from another node: up from a child, down from the parent; through the gate.
        // It starts once the node is up (below): a message that came in before the catalog was
        // seeded would be refused as a resource this node does not publish.
        from(Addresses.NODE_JMS + ":queue:" + Addresses.LINK_IN + "?transacted=true").routeId(LINK_IN_ROUTE).autoStartup(false)
                .routeConfigurationId(DeadLetterChannel.ID)
                .to("bean:pdxExchange?method=arrive");
    }

    /**
     * Camel has started its routes before Quarkus fires StartupEvent; the templates are loaded by
     * then. The queues open after the catalog is in the cluster's map ({@code CatalogStartup}): a
     * message taken before that would be refused at once as a resource this node does not publish
     * (LinkedNodesIT lost one that way after a kill and restart).
     */
    public void addIngestRoutes() {
        queuesOpen = true;
        catalog.list(org.pdxhub.hub.catalog.ResourceStatus.PUBLISHED, null, null, null)
                .forEach(r -> addIngestRoute(r.code()));
    }

    /** Inbound queues close before Camel and the broker stop: a batch in hand is committed or rolled back, not cut. */
    void closeIngest(@Observes ShutdownEvent stopping) {
        queueIngest.closeAll();
    }

    /**
     * Once the store is open (the start-up step {@code LANDING}): the broker is up before the store,
     * and a landing taken before would wait out the store-failure back-off (up to
     * {@code pdx.landing.retry-max}) with the message in hand.
     */
    public void startLanding(CamelContext camel) {
        landing.start();
    }

    /** After the catalog is seeded ({@code CatalogStartup}), take messages from other nodes. */
    public void startLinkIn(CamelContext camel) {
        try {
            camel.getRouteController().startRoute(LINK_IN_ROUTE);
        } catch (Exception e) {
            throw new IllegalStateException("could not start route " + LINK_IN_ROUTE, e);
        }
    }

    /**
     * Once the change is committed and in the cluster's map ({@code CatalogReplica} observes it at
     * the default priority, this just after): a queue opened before would take messages the gate
     * refuses as unpublished. At start the queues open together, after the catalog (above).
     */
    void onCatalogUpdate(@Observes(during = TransactionPhase.AFTER_SUCCESS) @Priority(ObserverMethod.DEFAULT_PRIORITY + 1) CatalogUpdated updated) {
        if (!queuesOpen) {
            return;
        }
        if (updated.spec() == null) {
            queueIngest.close(updated.code());
        } else {
            addIngestRoute(updated.code());
        }
    }

    private void addIngestRoute(String code) {
        if (!queueIngest.isOpen(code)) {
            queueIngest.open(code);
            LOG.infof("Queue %s open for resource %s", Addresses.inbound(code), code);
        }
    }
}
