package org.pdxhub.hub.link;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.pdxhub.hub.envelope.Headers;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** What a test node sent up its parent link, by relayed request: the body as it left, to see what the agency's node is told. */
@ApplicationScoped
public class SentUp {

    private final Map<String, byte[]> bodies = new ConcurrentHashMap<>();

    void seen(@Observes RelayedRequests.Outgoing message) {
        Object origin = message.headers().get(Headers.MESSAGE_ID);
        if (origin != null && LinkTarget.Direction.UP.name().equals(message.headers().get(Headers.DIRECTION))) {
            bodies.put(origin.toString(), message.body());
        }
    }

    /** The body of relayed request {@code origin} as it went up. */
    public String body(String origin) {
        byte[] b = bodies.get(origin);
        if (b == null) {
            throw new AssertionError("nothing went up for relayed request " + origin);
        }
        return new String(b, StandardCharsets.UTF_8);
    }
}
