package org.pdxhub.hub.deadletter;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;

/**
 * A message on the dead-letter address {@code pdx.dlq}, as an operator sees it: why it is there,
 * what it belongs to, and whether it can be sent back ({@code origin} is where it came from).
 *
 * @param id        the broker's message id, what {@code POST /api/v1/dead-letters/{id}/replay} takes
 * @param origin    the address it came from; null for a refusal by the gate, whose letter holds
 *                  the masked rejected records and which only the sender can fix and send again
 * @param deliveries how often it was tried before the broker gave up, when the broker moved it here
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DeadLetter(String id, Instant at, String rule, String reason, String resource, String messageId, String origin,
                         Integer deliveries, boolean replayable) {
}
