package org.pdxhub.hub.link;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultExchange;
import org.pdxhub.hub.envelope.Headers;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The agency's node as a department node's test plays it: its answers to what was sent up, as
 * they come down the parent link ({@code ganzi-prefecture}, the agency's organisation).
 */
public final class ParentAnswers {

    public static final String PARENT = "ganzi-prefecture";

    private ParentAnswers() {
    }

    /** The answer to relayed request {@code origin}, decided by the agency's reviewer at the parent node. */
    public static Exchange answer(CamelContext camel, ObjectMapper json, String origin, Map<String, Object> decision) {
        Map<String, Object> a = new LinkedHashMap<>(decision);
        a.put("heldAt", PARENT);
        a.put("reviewer", "州数据局审核员");
        Exchange e = new DefaultExchange(camel);
        e.getMessage().setHeader(RelayedRequests.KIND, "ANSWER");
        e.getMessage().setHeader(Headers.MESSAGE_ID, origin);
        try {
            e.getMessage().setBody(json.writeValueAsBytes(a));
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException(ex);
        }
        return e;
    }

    /** The parent link, whose node is the agency {@code agency}'s. */
    public static LinkTarget parent(String agency) {
        return new LinkTarget(PARENT, LinkTarget.Direction.UP, LinkTarget.Transport.REST, List.of(), URI.create("http://localhost:1"),
                Optional.of(agency), Optional.empty(), List.of(), List.of());
    }
}
