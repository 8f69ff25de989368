package org.pdxhub.hub.link;

import org.pdxhub.hub.access.Caller;

import java.util.Map;
import java.util.Optional;

/**
 * Where a relayed request of one kind is filed at the node that holds the data: the feature that
 * owns the kind (sharing, returns) implements it, so that the relay carries requests and answers
 * without knowing what they ask for. A {@code ProblemException} from a method is a refusal: the
 * relay answers the origin with it.
 */
public interface RelayDesk {

    /**
     * The rule of a refusal that means "not for this node": the request goes on up the links, as
     * one for a resource not published here does.
     */
    String NOT_HERE = "relay.not-here";

    /** What this desk files: the value of the relayed request's {@code PdxAsk} header. */
    String ask();

    /** Files the request {@code body} here, as the requesting organisation {@code as}. */
    Filed file(byte[] body, Caller as);

    /** Files the requesting organisation's dispute of the request filed here as {@code localId}; its answer. */
    default Map<String, Object> dispute(String localId, String reason, Caller as) {
        throw new UnsupportedOperationException(ask() + " requests are not disputed over links");
    }

    /** The answer the origin sees for the request filed here as {@code localId}. */
    default Optional<Map<String, Object>> answer(String localId) {
        return Optional.empty();
    }

    /** A request filed here: its id at this node and the answer to send back. */
    record Filed(String localId, Map<String, Object> answer) {
    }
}
