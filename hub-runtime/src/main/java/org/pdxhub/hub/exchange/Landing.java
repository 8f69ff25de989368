package org.pdxhub.hub.exchange;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.transaction.Transactional;
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
     * its trail for lineage, in the caller's store transaction ({@link LandingBatches} holds one
     * for several messages). Returns the records written: 0 when the message had landed before.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public int store(Exchange exchange) {
        var m = exchange.getMessage();
        String code = m.getHeader(Headers.RESOURCE, String.class);
        String keyField = catalog.publishedSpec(code).map(ResourceSpec::keyField).orElse(null);
        return datasets.land(m.getBody(byte[].class), keyField, new Datasets.Provenance(code,
                m.getHeader(Headers.RESOURCE_VERSION, 0, Integer.class), m.getHeader(Headers.ORIGIN_NODE, hub.node().id(), String.class),
                m.getHeader(Headers.PROVIDER, String.class), m.getHeader(Headers.MESSAGE_ID, String.class),
                m.getHeader(Headers.PASSAGE_SEQ, 0L, Long.class)), m.getHeader(Headers.HOPS, String.class));
    }

    /**
     * Sends a stored message on to the parent when the parent subscribes to the resource, on the
     * consumer's broker transaction. It is sent on even when it had landed before: a crash may
     * have come between the store's commit and the queue's, and the parent's broker drops the duplicate.
     */
    public void forward(Exchange exchange) {
        var m = exchange.getMessage();
        String code = m.getHeader(Headers.RESOURCE, String.class);
        links.parent().filter(p -> p.carries(code)).ifPresent(parent -> {
            Map<String, Object> headers = new HashMap<>();
            m.getHeaders().forEach((k, v) -> {
                if (k.startsWith("Pdx") && !k.equals(BrokerSecurity.SENDER_HEADER) && !k.equals(Headers.PASSAGE_SEQ)) {
                    headers.put(k, v);
                }
            });
            headers.put(Headers.DIRECTION, LinkTarget.Direction.UP.name());
            headers.put(Headers.SOURCE_NODE, hub.node().id());
            headers.put(Headers.SOURCE_ORG, hub.node().organisation());
            headers.put(Headers.DUPLICATE_ID, Headers.duplicateId(m.getHeader(Headers.PROVIDER, String.class),
                    m.getHeader(Headers.MESSAGE_ID, String.class)));
            producer.sendBodyAndHeaders(Addresses.NODE_JMS + ":queue:" + Addresses.linkOut(parent.id()), m.getBody(byte[].class), headers);
        });
    }
}
