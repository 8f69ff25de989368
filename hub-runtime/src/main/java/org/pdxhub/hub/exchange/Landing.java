package org.pdxhub.hub.exchange;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.pdxhub.hub.catalog.Catalog;
import org.pdxhub.hub.envelope.Headers;
import org.pdxhub.hub.link.LinkTarget;
import org.pdxhub.hub.link.Links;
import org.pdxhub.hub.messaging.Addresses;
import org.pdxhub.hub.messaging.BrokerSecurity;
import org.pdxhub.hub.node.HubConfig;
import org.pdxhub.plugin.ResourceSpec;

import java.util.HashMap;
import java.util.Map;

/**
 * Landing of the aggregation queue ({@code pdx.agg}) in this node's datasets, and forwarding up
 * to the parent that subscribes to the resource.
 */
@ApplicationScoped
@Named("pdxLanding")
public class Landing {

    @Inject
    Catalog catalog;

    @Inject
    Datasets datasets;

    @Inject
    HubConfig hub;

    @Inject
    Links links;

    @Inject
    ProducerTemplate producer;

    /**
     * Lands a message of the aggregation queue in this node's datasets (once per message id), with
     * its trail for lineage, and sends it on to the parent when the parent subscribes to the
     * resource. It is sent on even when it had landed before: a crash may have come between the
     * store's commit and the queue's, and the parent's broker drops the duplicate.
     */
    public void land(Exchange exchange) {
        var m = exchange.getMessage();
        String code = m.getHeader(Headers.RESOURCE, String.class);
        String messageId = m.getHeader(Headers.MESSAGE_ID, String.class);
        String hops = m.getHeader(Headers.HOPS, String.class);
        String keyField = catalog.publishedSpec(code).map(ResourceSpec::keyField).orElse(null);
        byte[] payload = m.getBody(byte[].class);
        int landed = datasets.land(payload, keyField, new Datasets.Provenance(code,
                m.getHeader(Headers.RESOURCE_VERSION, 0, Integer.class), m.getHeader(Headers.ORIGIN_NODE, hub.node().id(), String.class),
                m.getHeader(Headers.PROVIDER, String.class), messageId, m.getHeader(Headers.PASSAGE_SEQ, 0L, Long.class)), hops);
        m.setHeader("PdxLanded", landed);
        links.parent().filter(p -> p.carries(code)).ifPresent(parent -> {
            Map<String, Object> headers = new HashMap<>();
            m.getHeaders().forEach((k, v) -> {
                if (k.startsWith("Pdx") && !k.equals("PdxLanded") && !k.equals(BrokerSecurity.SENDER_HEADER) && !k.equals(Headers.PASSAGE_SEQ)) {
                    headers.put(k, v);
                }
            });
            headers.put(Headers.DIRECTION, LinkTarget.Direction.UP.name());
            headers.put(Headers.SOURCE_NODE, hub.node().id());
            headers.put(Headers.SOURCE_ORG, hub.node().organisation());
            headers.put(Headers.DUPLICATE_ID, Headers.duplicateId(m.getHeader(Headers.PROVIDER, String.class), messageId));
            producer.sendBodyAndHeaders(Addresses.NODE_JMS + ":queue:" + Addresses.linkOut(parent.id()), payload, headers);
        });
    }
}
