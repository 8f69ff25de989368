package org.pdxhub.hub.sharing;

/** Where a request stands. SUBMITTED and DISPUTED wait for someone; the others are closed. */
public enum RequestStatus {
    /** Waiting for the first answer (formal review, provider, or the agency for routed demands). */
    SUBMITTED,
    /** Approved; for a share request or open application, the grant is issued. */
    APPROVED,
    /** Refused with a reason and a basis; the requester may dispute it once. */
    REJECTED,
    /** A refusal the requester disputed: waiting for the agency reviewer (art. 18, 26). */
    DISPUTED,
    /** The reviewer upheld the refusal after a dispute. */
    REFUSAL_UPHELD;

    public boolean isOpen() {
        return this == SUBMITTED || this == DISPUTED;
    }
}
