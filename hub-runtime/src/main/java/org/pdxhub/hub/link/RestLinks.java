package org.pdxhub.hub.link;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.jboss.logging.Logger;
import org.pdxhub.hub.deadletter.DeadLetterChannel;
import org.pdxhub.hub.deadletter.Refusal;
import org.pdxhub.hub.deadletter.Refused;
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
 * again with back-off, for ever; a refusal (4xx) is an answer: it goes to the dead-letter address with
 * the peer's reason, and the operator sees it ({@link LinkRefusals}).
 */
@ApplicationScoped
@Named("pdxRestLinks")
public class RestLinks extends RouteBuilder {

    private static final Logger LOG = Logger.getLogger(RestLinks.class);
    static final String LINK_HEADER = "PdxLinkId";
    private static final String PROBLEM = "urn:pdx:problem:";

    @Inject
    Links links;

    @Inject
    SignedClient client;


    @Inject
    ObjectMapper json;

    @Inject
    LinkRefusals refusals;

    @Override
    public void configure() {
        for (LinkTarget link : links.all()) {
            if (link.transport() == LinkTarget.Transport.REST) {
                from(Addresses.NODE_JMS + ":queue:" + Addresses.linkOut(link.id()) + "?transacted=true").routeId("pdx-link-out-" + link.id())
                        .routeConfigurationId(DeadLetterChannel.ID)
                        .setHeader(LINK_HEADER, constant(link.id()))
                        .to("bean:pdxRestLinks?method=post");
            }
        }
    }

    public void post(Exchange exchange) throws IOException {
        var m = exchange.getMessage();
        LinkTarget link = links.byId(m.getHeader(LINK_HEADER, String.class)).orElseThrow();
        Map<String, Object> pdxHeaders = new HashMap<>();
        m.getHeaders().forEach((k, v) -> {
            if (k.startsWith("Pdx") && !k.equals(LINK_HEADER) && v != null) {
                pdxHeaders.put(k, v);
            }
        });
        byte[] body = m.getBody(byte[].class);
        String messageId = m.getHeader(Headers.MESSAGE_ID, String.class);
        // Once: an unreachable peer or a 5xx rolls the delivery back, and the broker's redelivery
        // with back-off (pdx.link.#) is the one place this message is tried again.
        SignedClient.Response answer = client.sendOnce(link.id(), link.restBase(), "POST", "/api/v1/links/in",
                envelope(json, pdxHeaders, body), Map.of("Content-Type", "application/json", "Pdx-Message-Id", messageId));
        if (answer.successful()) {
            return;
        }
        if (answer.status() >= 400 && answer.status() < 500 && answer.status() != 429) {
            String rule = ruleOf(answer);
            String reason = reasonOf(answer);
            refusals.refused(link.id(), messageId, m.getHeader(RelayedRequests.KIND, String.class), answer.status(), rule, reason);
            // The node's dead-letter channel takes it: the peer read it and will refuse it again.
            throw new Refused(Refusal.because("link.refused", "node " + link.id() + " answered " + answer.status() + " " + rule + ": "
                    + reason).sentBy(m.getHeader(Headers.PROVIDER, String.class)).about(m.getHeader(Headers.RESOURCE, String.class), messageId));
        }
        throw new IllegalStateException("node " + link.id() + " answered " + answer.status() + "; the message stays queued");
    }

    /**
     * A link message as {@code /api/v1/links/in} takes it: its {@code Pdx*} headers, and the body
     * as {@code records} when it is an array (records, usage-log heads), or as {@code message}
     * when it is one object (a relayed request or answer), which is not records.
     */
    public static byte[] envelope(ObjectMapper json, Map<String, Object> pdxHeaders, byte[] body) throws IOException {
        ObjectNode envelope = json.createObjectNode();
        ObjectNode headers = envelope.putObject("headers");
        pdxHeaders.forEach((k, v) -> headers.put(k, v.toString()));
        JsonNode content = json.readTree(body);
        envelope.set(content.isArray() ? "records" : "message", content);
        return json.writeValueAsBytes(envelope);
    }

    /** The rule of a problem detail ({@code urn:pdx:problem:<rule>}), or empty. */
    private String ruleOf(SignedClient.Response answer) {
        try {
            JsonNode type = json.readTree(answer.body()).path("type");
            String t = type.asText("");
            return t.startsWith(PROBLEM) ? t.substring(PROBLEM.length()) : "";
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    /** What the peer said, as its problem detail's text (its whole answer, cut short, when it is not one). */
    private String reasonOf(SignedClient.Response answer) {
        try {
            JsonNode detail = json.readTree(answer.body()).path("detail");
            if (detail.isTextual()) {
                return detail.asText();
            }
        } catch (IOException | RuntimeException e) {
            // not a problem detail: its text is the reason
        }
        String text = answer.text();
        return text.length() > 500 ? text.substring(0, 500) + "..." : text;
    }
}
