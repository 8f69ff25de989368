package org.pdxhub.hub.supervision.corrections;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A correction (纠错, art. 9): a user of shared data says a record, or a whole resource, is wrong;
 * its provider accepts and sends the corrected record, or rejects with a reason, by {@code dueBy}.
 *
 * @param recordKey     the key of the record said to be wrong, or null for the resource as a whole
 * @param lineage       where the record's history is read, null without a key
 * @param answerMessage the message id under which the corrected record passed the gate: its lineage
 * @param overdue       open after its due date
 * @param demo          generated activity of a demo node
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Correction(String id, String resource, String recordKey, String lineage, String provider, String filedBy,
                         String problem, String evidence, LocalDate filedOn, Instant filedAt, LocalDate dueBy, Status status,
                         String reason, String answerMessage, Instant answeredAt, LocalDate answeredOn, boolean overdue,
                         boolean demo) {

    /** OPEN until the provider answers. */
    public enum Status { OPEN, ACCEPTED, REJECTED }
}
