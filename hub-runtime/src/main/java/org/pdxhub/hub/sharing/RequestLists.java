package org.pdxhub.hub.sharing;

import org.pdxhub.hub.access.Caller;
import org.pdxhub.hub.access.Role;
import org.pdxhub.hub.api.ProblemException;

import java.util.Locale;

/** The list filters the request endpoints share: a status and whose queue. */
final class RequestLists {

    private RequestLists() {
    }

    /**
     * @param queue {@code reviewer}: waiting for the agency reviewer; {@code provider}: waiting for
     *              the caller's organisation's data specialist; {@code requester}: asked by the
     *              caller's organisation; null: every request the caller may see
     */
    static RequestStore.Query query(RequestKind kind, String status, String queue, Caller c) {
        RequestStatus s = null;
        if (status != null && !status.isBlank()) {
            try {
                s = RequestStatus.valueOf(status.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw ProblemException.badRequest("invalid-parameter", "status", "status is one of " + java.util.List.of(RequestStatus.values()));
            }
        }
        if (queue == null || queue.isBlank()) {
            return new RequestStore.Query(kind, s, null, null, null, null, false);
        }
        return switch (queue.strip().toLowerCase(Locale.ROOT)) {
            case "reviewer" -> new RequestStore.Query(kind, s, null, c.organisation(), Role.REVIEWER, null, true);
            case "provider" -> new RequestStore.Query(kind, s, null, c.organisation(), Role.SPECIALIST, null, true);
            case "requester" -> new RequestStore.Query(kind, s, c.organisation(), null, null, null, false);
            default -> throw ProblemException.badRequest("invalid-parameter", "queue", "queue is reviewer, provider or requester");
        };
    }
}
