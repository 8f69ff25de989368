package org.pdxhub.hub.route;

import org.apache.camel.spi.Metadata;

/** The headers a {@code pdx:} endpoint reads and sets, named as on the node's queues. */
public final class PdxHeaders {

    @Metadata(label = "producer", description = "Who sends (overrides the person option)", javaType = "String")
    public static final String PERSON = "PdxPerson";
    @Metadata(label = "producer", description = "Why (overrides the purpose option)", javaType = "String")
    public static final String PURPOSE = "PdxPurpose";
    @Metadata(description = "The sender's message id: the same id from the same route passes the gate once (1 to 64 of A-Z a-z 0-9 . _ : ~ -)",
            javaType = "String")
    public static final String MESSAGE_ID = "PdxMessageId";
    @Metadata(label = "producer", description = "Trace id carried to the usage log", javaType = "String")
    public static final String TRACE_ID = "PdxTraceId";
    @Metadata(label = "producer", description = "Answer: records that passed the gate", javaType = "int")
    public static final String ACCEPTED = "PdxAccepted";
    @Metadata(label = "producer", description = "Answer: records rejected, each with its reason in the body", javaType = "int")
    public static final String REJECTED = "PdxRejected";
    @Metadata(label = "producer", description = "Answer: the usage-log entry of the passage", javaType = "long")
    public static final String USAGE_LOG_SEQ = "PdxUsageLogSeq";
    @Metadata(label = "producer", description = "Answer: the message was sent before under its id and passed then, at this usage-log"
            + " seq; it was not passed again (PdxAccepted 0)", javaType = "long")
    public static final String DUPLICATE_OF = "PdxDuplicateOf";

    @Metadata(description = "share: the grant the delivered records were read under; verify: the verification grant used", javaType = "String")
    public static final String GRANT = "PdxGrant";
    @Metadata(description = "share: records in this delivery; verify: records verified", javaType = "int")
    public static final String COUNT = "PdxCount";
    @Metadata(label = "producer", description = "verify: records whose every field matched", javaType = "int")
    public static final String MATCHES = "PdxMatches";
    @Metadata(label = "producer", description = "verify: records with a field that did not match (a key not held counts here, unless the"
            + " grant's terms tell it apart)", javaType = "int")
    public static final String MISMATCHES = "PdxMismatches";
    @Metadata(label = "producer", description = "verify: records neither matched nor mismatched", javaType = "int")
    public static final String UNKNOWNS = "PdxUnknowns";

    private PdxHeaders() {
    }
}
