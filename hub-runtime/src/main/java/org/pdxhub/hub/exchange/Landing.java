package org.pdxhub.hub.exchange;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.transaction.Transactional;
import org.apache.camel.Exchange;
import org.pdxhub.hub.catalog.Catalog;
import org.pdxhub.hub.envelope.Headers;
import org.pdxhub.hub.link.LinkTarget;
import org.pdxhub.hub.link.Links;
import org.pdxhub.hub.messaging.Addresses;
import org.pdxhub.hub.messaging.SendingSessions;
import org.pdxhub.hub.messaging.BrokerSecurity;
import org.pdxhub.hub.node.HubConfig;
import org.pdxhub.plugin.ResourceSpec;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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
    SendingSessions sends;

    /**
     * Lands messages of the aggregation queue in this node's datasets (each once per message id),
     * with their trails for lineage, in the caller's store transaction ({@link LandingBatches} holds
     * one for several messages), with the statements of one landing, not of one per message.
     * Returns the records written: none for a message that had landed before.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public int storeAll(List<Exchange> exchanges) {
        Map<String, Optional<String>> keyFields = new HashMap<>();
        List<Datasets.Landed> landed = new ArrayList<>(exchanges.size());
        for (Exchange exchange : exchanges) {
            var m = exchange.getMessage();
            String code = m.getHeader(Headers.RESOURCE, String.class);
            // Looked up once per resource of the batch, not per message.
            Optional<String> keyField = keyFields.computeIfAbsent(code, c -> catalog.publishedSpec(c).map(ResourceSpec::keyField));
            landed.add(new Datasets.Landed(m.getBody(byte[].class), keyField.orElse(null), new Datasets.Provenance(code,
                    m.getHeader(Headers.RESOURCE_VERSION, 0, Integer.class), m.getHeader(Headers.ORIGIN_NODE, hub.node().id(), String.class),
                    m.getHeader(Headers.PROVIDER, String.class), m.getHeader(Headers.MESSAGE_ID, String.class),
                    m.getHeader(Headers.PASSAGE_SEQ, 0L, Long.class)), m.getHeader(Headers.HOPS, String.class)));
        }
        return datasets.landAll(landed);
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
            sends.send(Addresses.linkOut(parent.id()), m.getBody(byte[].class), headers);
        });
    }
}
