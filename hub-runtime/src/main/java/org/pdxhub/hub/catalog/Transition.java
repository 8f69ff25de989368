package org.pdxhub.hub.catalog;

import java.time.Instant;

/**
 * One lifecycle step of a resource: who did what, when and why.
 *
 * @param actor              the API key that acted, or {@code node:<id>} for the node itself
 * @param actorOrganisation  the actor's organisation (USCC)
 * @param actorHolder        the person or system holding the key
 * @param version            the published version after the step
 * @param securityReview     on the approval of an open-type raise or of a new resource declared open: the security and
 *                           secrecy review filled in (art. 25)
 * @param approvals          on an approval: what the agency allowed only it may allow (art. 9), or null
 */
public record Transition(long id, String code, Action action, ResourceStatus fromStatus, ResourceStatus toStatus,
                         int version, Long changeId, String actor, String actorOrganisation, String actorHolder,
                         Instant at, String note, SecurityReview securityReview, AgencyApprovals approvals) {

    public enum Action {
        SEEDED, CREATED, IMPORTED, EDITED, SUBMITTED, APPROVED, RETURNED,
        CHANGE_PROPOSED, CHANGE_APPLIED, CHANGE_RETURNED, RETIREMENT_REQUESTED, RETIREMENT_RETURNED, RETIRED
    }
}
