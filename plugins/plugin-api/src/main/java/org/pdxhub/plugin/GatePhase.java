package org.pdxhub.plugin;

/** The phases of the gate, run in this order for every message. */
public enum GatePhase {
    /** Records checked against the resource's declared items, types and identifiers. */
    VALIDATE,
    /** The caller's grant, the share or open type, the person and purpose. */
    AUTHORISE,
    /** Per-item masking for the destination profile. */
    MASK,
    /** The usage log (使用日志, art. 19): written before anything is delivered. */
    LOG
}
