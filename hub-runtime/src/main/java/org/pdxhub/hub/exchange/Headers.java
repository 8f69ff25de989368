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
    public static final String REASON = "PdxReason";
    public static final String RULE = "PdxRule";
    public static final String TO = "PdxTo";

    private Headers() {
    }
}
