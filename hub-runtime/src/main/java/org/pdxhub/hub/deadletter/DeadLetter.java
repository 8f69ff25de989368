package org.pdxhub.hub.deadletter;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;

/**
 * A message on the dead-letter address {@code pdx.dlq}, as an operator sees it: the one
 * dead-letter format ({@link DeadLetters}) read back.
 *
 * @param id           the broker's message id, what {@code POST /api/v1/dead-letters/{id}/replay} takes
 * @param type         the problem type of the rule, {@code urn:pdx:problem:<rule>}
 * @param reason       what the sender (or the operator, for a failure of the node) should change
 * @param organisation whose message it was
 * @param origin       the address it came from; {@code gate} for records the gate refused
 * @param deliveries   how often it was delivered before it was refused, or before the broker gave up
 * @param body         {@code original}; {@code masked-rejections} when the gate refused records; {@code source-reference}
 *                     for a connector batch refused before the gate (connector, file and record range, never the records)
 * @param replayable   whether sending it back can succeed: only for a failure of the node, never a refusal
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DeadLetter(String id, Instant at, String rule, String type, String reason, String resource, String messageId,
                         String organisation, String origin, Integer deliveries, String body, boolean replayable) {
}
