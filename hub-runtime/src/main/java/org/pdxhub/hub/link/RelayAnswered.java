package org.pdxhub.hub.link;

import java.util.Map;

/**
 * An answer reached the node a relayed request started from: the feature that sent it (the
 * catalog's agency review) acts on it. Fired for every answer, including a link's refusal.
 *
 * @param origin the request's id at its origin, as {@link RelayedRequests#forward} gave it
 */
public record RelayAnswered(String origin, Map<String, Object> answer) {

    public String status() {
        return String.valueOf(answer.get("status"));
    }
}
