package org.pdxhub.connector;

import org.apache.camel.CamelContext;

import java.nio.file.Path;

/** What the node offers a connector instance. */
public interface ConnectorContext {

    /** Where records go: through the gate, always. */
    RecordSink sink();

    /** The node's data folder, for working files. */
    Path dataDir();

    String nodeId();

    /** Positions of an incremental connector, kept per instance across restarts. */
    PositionStore positions();

    /**
     * The node's Camel, whose components a kind builds its consumers from (Camel's file and sftp
     * consumers for the {@code file} kind). A kind adds no routes to it and sends to no endpoint of
     * the node: records go through {@link #sink()} only.
     */
    default CamelContext camel() {
        throw new UnsupportedOperationException("this node gives its connectors no Camel context");
    }
}
