package org.pdxhub.hub.link;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.pdxhub.hub.access.CurrentCaller;
import org.pdxhub.hub.access.Role;
import org.pdxhub.hub.api.ProblemException;
import org.pdxhub.hub.envelope.Headers;
import org.pdxhub.hub.envelope.ReceivedRecords;
import org.pdxhub.hub.messaging.Addresses;
import org.pdxhub.hub.messaging.SendingSessions;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The REST end of a node-to-node link (a link whose address is {@code http(s)://}): the other
 * node posts, signed, what its bridge would have forwarded. The message is queued on
 * {@code pdx.link.in} and handled exactly as a bridged one, through this node's gate.
 */
@Path("/api/v1/links/in")
@Tag(name = "Links")
public class LinkResource {

    /** What one link message carries: its {@code Pdx*} headers and its records. */
    public record Envelope(Map<String, String> headers, List<Map<String, Object>> records, Map<String, Object> message) {
    }

    @Inject
    Links links;

    @Inject
    CurrentCaller caller;

    @Inject
    SendingSessions sends;

    @Inject
    ObjectMapper json;

    @Inject
    ReceivedRecords received;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed(Role.SYSTEM_)
    @Operation(summary = "Another node sends records over a REST link (signed): queued on pdx.link.in, 202 once durable")
    public Response receive(Envelope envelope) {
        if (envelope == null || envelope.headers() == null) {
            throw ProblemException.badRequest("missing-field", "headers", "send {\"headers\": {\"PdxResource\": ...}, \"records\": [...]}");
        }
        // Records (and usage-log heads) come as an array; a relayed request or answer as one object.
        if ((envelope.records() == null) == (envelope.message() == null)) {
            throw ProblemException.badRequest("missing-field", "records", "send {\"headers\": {...}, \"records\": [...]} for records,"
                    + " or {\"headers\": {...}, \"message\": {...}} for a relayed request or answer: one of the two");
        }
        if (envelope.records() != null) {
            // The same rules as records a department sends: a peer is no more trusted with a null record or an identifier as a name.
            received.checked(envelope.records());
        }
        String kind = envelope.headers().get(RelayedRequests.KIND);
        String node = envelope.headers().get(Headers.SOURCE_NODE);
        String messageId = envelope.headers().get(Headers.MESSAGE_ID);
        String direction = envelope.headers().get(Headers.DIRECTION);
        if (!"UP".equals(direction) && !"DOWN".equals(direction)) {
            throw ProblemException.badRequest("invalid-header", "headers.PdxDirection", "PdxDirection is UP (from a child) or DOWN (from the parent)");
        }
        String org = caller.get().organisation();
        if (links.sender(LinkTarget.Direction.valueOf(direction), node, org).isEmpty()) {
            throw ProblemException.forbidden("link.unknown-node", "node '" + node + "' of organisation " + org + " is not linked to this node as a "
                    + ("UP".equals(direction) ? "child" : "parent"));
        }
        if (messageId == null || envelope.headers().get(Headers.RESOURCE) == null) {
            throw ProblemException.badRequest("missing-field", "headers", "a link message needs PdxResource and PdxMessageId");
        }
        Map<String, Object> headers = new HashMap<>();
        envelope.headers().forEach((k, v) -> {
            if (k.startsWith("Pdx")) {
                headers.put(k, v);
            }
        });
        headers.put(Headers.SOURCE_ORG, org); // verified by the signature, whatever the body says
        byte[] body;
        try {
            body = json.writeValueAsBytes(envelope.records() != null ? envelope.records() : envelope.message());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // Resent after a lost answer: the broker takes the message once. Records are the origin
        // provider's message, so its id is scoped by that provider; a request or an answer is
        // scoped by its kind and text, as the bridge's duplicate id is (RelayedRequests).
        headers.put(Headers.DUPLICATE_ID, kind != null
                ? messageId + ":" + kind + ":" + Integer.toHexString(Arrays.hashCode(body))
                : Headers.duplicateId(envelope.headers().get(Headers.PROVIDER), messageId));
        sends.send(Addresses.LINK_IN, body, headers);
        return Response.accepted(Map.of("messageId", messageId)).build();
    }
}
