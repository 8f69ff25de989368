package org.pdxhub.hub.verification;

/** A verification's answer for a record or a field: never the value. */
public enum Outcome {
    /** The value given is the one held. */
    MATCH,
    /** The value given is not the one held; also a key not held, unless the grant says otherwise. */
    MISMATCH,
    /** The node cannot tell: it holds the value only masked in a way that loses it, or not at all. */
    UNKNOWN
}
