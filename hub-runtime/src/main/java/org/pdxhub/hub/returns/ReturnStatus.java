package org.pdxhub.hub.returns;

/** Where a return request stands. */
public enum ReturnStatus {
    /** Waiting for the agency's decision: the requester is not the data's provider. */
    SUBMITTED,
    /** The records went to the requester's return address ({@code returnMessageId}). */
    RETURNED,
    /** Nothing held here matched what was asked for. */
    NOTHING_HELD,
    /** The agency refused, with its reason. */
    REJECTED
}
