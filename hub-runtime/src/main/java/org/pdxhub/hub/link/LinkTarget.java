package org.pdxhub.hub.link;

import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A configured link to another node, resolved: which transport its address chooses, and what
 * travels over it.
 *
 * @param brokers       for a bridge: the other platform's broker URLs, tried in turn
 * @param restBase      for the signed REST interface: the other node's base URL
 * @param resources     parent only: what the parent subscribes to; empty = every resource
 * @param organisations child only: the organisations reached through it
 */
public record LinkTarget(String id, Direction direction, Transport transport, List<String> brokers, URI restBase,
                         Optional<String> organisation, Optional<String> key, List<String> resources,
                         List<String> organisations) {

    public enum Direction { UP, DOWN }

    public enum Transport {
        /** Artemis core bridge: store and forward between brokers, with duplicate detection. */
        BRIDGE,
        /** The other node's signed REST interface, drained from the same local queue. */
        REST
    }

    /** Whether records of {@code resourceCode} go over this (parent) link. */
    public boolean carries(String resourceCode) {
        return resources.isEmpty() || resources.contains(resourceCode);
    }

    public boolean reaches(String uscc) {
        return organisations.contains(uscc) || organisation.map(uscc::equals).orElse(false);
    }

    /**
     * Parses a configured address; throws with the reason when it is neither form.
     */
    static LinkTarget of(String id, Direction direction, String address, Optional<String> organisation, Optional<String> key,
                         List<String> resources, List<String> organisations) {
        String a = address.strip();
        if (a.startsWith("http://") || a.startsWith("https://")) {
            return new LinkTarget(id, direction, Transport.REST, List.of(), URI.create(a.endsWith("/") ? a.substring(0, a.length() - 1) : a),
                    organisation, key, resources, organisations);
        }
        List<String> brokers = Arrays.stream(a.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
        if (brokers.isEmpty() || !brokers.stream().allMatch(b -> b.startsWith("tcp://"))) {
            throw new IllegalArgumentException("'" + address + "' is neither tcp://host:port[,tcp://host:port...] (an Artemis bridge)"
                    + " nor http(s)://host:port (the signed REST interface)");
        }
        return new LinkTarget(id, direction, Transport.BRIDGE, brokers, null, organisation, key, resources, organisations);
    }
}
