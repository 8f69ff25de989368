package org.pdxhub.hub.complaints;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A complaint (投诉) about the use of public data (art. 44), as the store keeps it. The
 * complainant's name and contact are kept masked.
 *
 * @param responsible the organisation that must answer: the resource's provider, or the one named
 * @param filedBy     the key that recorded it (the hotline operator), or {@code public}
 * @param escalatedAt when it was escalated to the agency for being late; null before
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Complaint(String id, Source source, String complainant, String contact, String resource, String subject,
                        String responsible, String filedBy, LocalDate filedOn, Instant filedAt, LocalDate dueBy, Status status,
                        String answer, Instant answeredAt, String answeredBy, Instant escalatedAt) {

    /** Where the complaint came in. */
    public enum Source { HOTLINE_12345, WEB, LETTER }

    /** OPEN until answered. */
    public enum Status { OPEN, ANSWERED }
}
