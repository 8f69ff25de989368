package org.pdxhub.hub.link;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultExchange;
import org.pdxhub.hub.envelope.Headers;

import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * A county node below (Kangding's), as an agency node's test plays it: what it sends up the link,
 * and the link it comes by. The counterpart of {@link ParentAnswers}.
 */
public final class ChildRequests {

    /** Kangding's organisation, the county node's. */
    public static final String KANGDING = "11513301MB0000001W";

    private ChildRequests() {
    }

    /** A relayed message of {@code kind} (REQUEST, DISPUTE...) from Kangding's data specialist, as it arrives over the link. */
    public static Exchange message(CamelContext camel, String kind, String origin, String resource, byte[] body) {
        Exchange e = new DefaultExchange(camel);
        e.getMessage().setHeader(RelayedRequests.KIND, kind);
        e.getMessage().setHeader(Headers.MESSAGE_ID, origin);
        e.getMessage().setHeader(Headers.RESOURCE, resource);
        e.getMessage().setHeader(Headers.REQUESTER, KANGDING);
        e.getMessage().setHeader(Headers.PERSON, "康定市数据专员");
        e.getMessage().setBody(body);
        return e;
    }

    /** A request sent up for the desk that answers {@code ask} ({@code DISPUTE_DECISION}, a catalog review...). */
    public static Exchange request(CamelContext camel, String ask, String origin, String resource, byte[] body) {
        Exchange e = message(camel, "REQUEST", origin, resource, body);
        e.getMessage().setHeader("PdxAsk", ask);
        return e;
    }

    /** The link from the node below, named {@code id}, whose organisation is Kangding's. */
    public static LinkTarget child(String id) {
        return new LinkTarget(id, LinkTarget.Direction.DOWN, LinkTarget.Transport.REST, List.of(), URI.create("http://localhost:1"),
                Optional.of(KANGDING), Optional.empty(), List.of(), List.of(KANGDING));
    }
}
