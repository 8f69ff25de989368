package org.pdxhub.hub.exchange;

/**
 * The {@code Pdx*} headers every exchanged message carries (DESIGN.md); JMS names cannot hold a
 * dash, so the queue form is {@code PdxPerson} where HTTP has {@code Pdx-Person}.
 */
public final class Headers {

    public static final String RESOURCE = "PdxResource";
    public static final String RESOURCE_VERSION = "PdxResourceVersion";
    public static final String PROVIDER = "PdxProvider";
    public static final String REQUESTER = "PdxRequester";
    public static final String PERSON = "PdxPerson";
    public static final String PURPOSE = "PdxPurpose";
    public static final String GRANT = "PdxGrant";
    public static final String TRACE_ID = "PdxTraceId";
    public static final String MESSAGE_ID = "PdxMessageId";
    public static final String SOURCE_NODE = "PdxSourceNode";
    /** The organisation of the node that sent the message on. */
    public static final String SOURCE_ORG = "PdxSourceOrg";
    public static final String REASON = "PdxReason";
    public static final String RULE = "PdxRule";
    public static final String TO = "PdxTo";
    /** UP (from a child) or DOWN (from the parent), on messages between nodes. */
    public static final String DIRECTION = "PdxDirection";
    /** JSON list of the hops the message took so far ({@link org.pdxhub.hub.link.Hop}). */
    public static final String HOPS = "PdxHops";
    /** The node where the records entered the hierarchy (the first hop), for provenance. */
    public static final String ORIGIN_NODE = "PdxOriginNode";
    /** JSON map field → rule of what earlier nodes masked, so that no node masks twice. */
    public static final String MASKED = "PdxMasked";
    /** Artemis duplicate detection: the broker takes a message with an id it has seen only once. */
    public static final String DUPLICATE_ID = "_AMQ_DUPL_ID";

    /**
     * The broker's duplicate id of a message: its sender's message id, scoped by the sender, so
     * that no organisation can make the broker drop another's message by borrowing its id.
     */
    public static String duplicateId(String sender, String messageId) {
        return sender + "/" + messageId;
    }

    private Headers() {
    }
}
