package org.pdxhub.hub.link;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.jboss.logging.Logger;
import org.pdxhub.hub.envelope.Headers;
import org.pdxhub.hub.messaging.Addresses;
import org.pdxhub.hub.signing.SignedClient;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * Links over the other node's signed REST interface: one route per such link drains its
 * store-and-forward queue {@code pdx.link.out.{id}} in order and posts each message to
 * {@code /api/v1/links/in}. An unreachable node rolls the delivery back and the broker tries
 * again with back-off, for ever; a refusal (4xx) is an answer and goes to the dead-letter address.
 */
@ApplicationScoped
@Named("pdxRestLinks")
public class RestLinks extends RouteBuilder {

    private static final Logger LOG = Logger.getLogger(RestLinks.class);
    static final String LINK_HEADER = "PdxLinkId";

    @Inject
    Links links;

    @Inject
    SignedClient client;

    @Inject
    ProducerTemplate producer;

    @Inject
    ObjectMapper json;

    @Override
    public void configure() {
        for (LinkTarget link : links.all()) {
            if (link.transport() == LinkTarget.Transport.REST) {
                from(Addresses.NODE_JMS + ":queue:" + Addresses.linkOut(link.id()) + "?transacted=true").routeId("pdx-link-out-" + link.id())
                        .setHeader(LINK_HEADER, constant(link.id()))
                        .to("bean:pdxRestLinks?method=post");
            }
        }
    }

    public void post(Exchange exchange) throws IOException {
        var m = exchange.getMessage();
        LinkTarget link = links.byId(m.getHeader(LINK_HEADER, String.class)).orElseThrow();
        ObjectNode envelope = json.createObjectNode();
        ObjectNode headers = envelope.putObject("headers");
        m.getHeaders().forEach((k, v) -> {
            if (k.startsWith("Pdx") && !k.equals(LINK_HEADER) && v != null) {
                headers.put(k, v.toString());
            }
        });
        envelope.set("records", json.readTree(m.getBody(byte[].class)));
        String messageId = m.getHeader(Headers.MESSAGE_ID, String.class);
        SignedClient.Response answer = client.send(link.id(), link.restBase(), "POST", "/api/v1/links/in",
                json.writeValueAsBytes(envelope), Map.of("Content-Type", "application/json", "Pdx-Message-Id", messageId));
        if (answer.successful()) {
            return;
        }
        if (answer.status() >= 400 && answer.status() < 500 && answer.status() != 429) {
            Map<String, Object> letter = new HashMap<>();
            m.getHeaders().forEach((k, v) -> {
                if (k.startsWith("Pdx")) {
                    letter.put(k, v);
                }
            });
            letter.put(Headers.RULE, "link.refused");
            letter.put(Headers.REASON, "node " + link.id() + " answered " + answer.status() + ": " + answer.text());
            producer.sendBodyAndHeaders(Addresses.NODE_JMS + ":queue:" + Addresses.DEAD_LETTER, m.getBody(byte[].class), letter);
            LOG.warnf("Link %s refused message %s: %d", link.id(), messageId, answer.status());
            return;
        }
        throw new IllegalStateException("node " + link.id() + " answered " + answer.status() + "; the message stays queued");
    }
}
