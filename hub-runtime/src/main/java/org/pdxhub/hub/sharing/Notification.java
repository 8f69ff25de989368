package org.pdxhub.hub.sharing;

import java.time.Instant;
import java.time.LocalDate;

/**
 * Who must act next, as an event on {@code pdx.notify} that a route can deliver (mail, SMS,
 * a department's own system).
 *
 * @param kind      e.g. {@code SHARE_REVIEW_DUE}, {@code SHARE_DECISION_DUE}, {@code DISPUTE_DUE}, {@code REQUEST_ANSWERED}
 * @param requestId the request, or the grant for {@code EMERGENCY_DATA_SEAL}
 * @param actor     who must act: organisation, role, and the person the organisation named (its data specialist)
 * @param dueBy     the date to act by, when there is one
 */
public record Notification(String kind, String requestId, String requestKind, String resource, Actor actor, LocalDate dueBy,
                           String message, Instant at) {

    public record Actor(String organisation, String role, String person) {
    }
}
