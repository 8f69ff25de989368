package org.pdxhub.hub.today;

import org.pdxhub.hub.access.Caller;

import java.util.List;

/**
 * What a feature owes a person today. Each feature with deadlines (reviews, requests, disputes,
 * duty changes, complaints, corrections, re-assessments...) implements it as a CDI bean; the
 * console's Today page asks every one and sorts the answers by working days left.
 */
public interface DueItemSource {

    /**
     * The open items this person (or their organisation, in their role) must act on. Called on
     * every view of the Today page, so it reads, never writes; an item the person may not open
     * must not be listed.
     */
    List<DueItem> dueFor(Caller person);
}
