package org.pdxhub.hub.audit;

/** What happened to the message a usage-log entry describes. */
public enum UsageDecision {
    /** Passed the gate and handed on for delivery. */
    DELIVERED,
    /** Refused by a gate rule; the message went to the dead-letter address. */
    REFUSED,
    /** Passed the gate but could not be handed on; the sender was told to retry. */
    FAILED,
    /** The same message again from the same sender: not passed again; the entry names the first passage's seq. */
    DUPLICATE,
    /** An application or request for data was filed; nothing was delivered. */
    REQUESTED
}
