package org.pdxhub.hub.exchange;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.builder.TemplatedRouteBuilder;
import io.quarkus.runtime.StartupEvent;
import org.jboss.logging.Logger;
import org.pdxhub.hub.catalog.Catalog;
import org.pdxhub.hub.catalog.CatalogUpdated;
import org.pdxhub.hub.messaging.Addresses;

/**
 * The node's standing routes: landing of aggregated records, and one queue-ingest route per
 * published resource from the {@code pdx-queue-ingest} template (routes/queue-ingest.yaml),
 * added when a resource is published and removed when it is retired.
 */
@ApplicationScoped
public class ExchangeRoutes extends RouteBuilder {

    private static final Logger LOG = Logger.getLogger(ExchangeRoutes.class);
    static final String TEMPLATE = "pdx-queue-ingest";

    @Inject
    Catalog catalog;

    @Inject
    Datasets datasets;

    @Override
    public void configure() {
        from("jms:queue:" + Addresses.AGGREGATION + "?transacted=true").routeId("pdx-land")
                .process(e -> {
                    var m = e.getMessage();
                    String code = m.getHeader(Headers.RESOURCE, String.class);
                    String keyField = catalog.publishedSpec(code).map(s -> s.keyField()).orElse(null);
                    int landed = datasets.land(m.getBody(byte[].class), keyField, new Datasets.Provenance(code,
                            m.getHeader(Headers.RESOURCE_VERSION, 0, Integer.class), m.getHeader(Headers.SOURCE_NODE, String.class),
                            m.getHeader(Headers.PROVIDER, String.class), m.getHeader(Headers.MESSAGE_ID, String.class)));
                    m.setHeader("PdxLanded", landed);
                });
    }

    /** Camel has started its routes before Quarkus fires StartupEvent; the templates are loaded by then. */
    void addIngestRoutes(@Observes StartupEvent started, CamelContext camel) {
        catalog.list(org.pdxhub.hub.catalog.ResourceStatus.PUBLISHED, null, null, null)
                .forEach(r -> addIngestRoute(camel, r.code()));
    }

    void onCatalogUpdate(@Observes CatalogUpdated updated, CamelContext camel) {
        if (updated.spec() == null) {
            removeIngestRoute(camel, updated.code());
        } else {
            addIngestRoute(camel, updated.code());
        }
    }

    static String routeId(String code) {
        return "pdx-in-" + code;
    }

    private void addIngestRoute(CamelContext camel, String code) {
        if (camel.getRoute(routeId(code)) != null) {
            return;
        }
        try {
            TemplatedRouteBuilder.builder(camel, TEMPLATE).routeId(routeId(code)).parameter("code", code).add();
            LOG.infof("Queue %s open for resource %s", Addresses.inbound(code), code);
        } catch (Exception e) {
            throw new IllegalStateException("could not open queue " + Addresses.inbound(code), e);
        }
    }

    private void removeIngestRoute(CamelContext camel, String code) {
        try {
            camel.getRouteController().stopRoute(routeId(code));
            camel.removeRoute(routeId(code));
        } catch (Exception e) {
            LOG.warnf("Could not close the queue route of %s: %s", code, e.getMessage());
        }
    }
}
