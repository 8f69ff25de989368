package org.pdxhub.hub.today;

import java.time.LocalDate;

/**
 * One thing a person must do, as the console's Today page lists it.
 *
 * @param kind   what it is, a message key of the console ({@code due_catalog_review}, {@code due_share_request}...)
 * @param title  what the person sees: a code, a subject
 * @param detail one line more: who asks, what waits
 * @param dueBy  the last day, in working days from when it started; null when the measures set no deadline
 * @param href   the console page where it is acted on
 */
public record DueItem(String kind, String title, String detail, LocalDate dueBy, String href) {
}
