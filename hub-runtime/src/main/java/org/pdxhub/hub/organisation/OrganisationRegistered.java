package org.pdxhub.hub.organisation;

/** An organisation was registered on this node; what belongs to it (its broker queues) is made now. */
public record OrganisationRegistered(String uscc) {
}
