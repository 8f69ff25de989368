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
     * The node's Camel, on which a kind builds its consumers (Camel's file and sftp consumers for
     * the {@code file} kind); none of the node's routes or beans are reachable through it by
     * contract, only components and endpoints.
     */
    default CamelContext camel() {
        throw new UnsupportedOperationException("this node gives its connectors no Camel context");
    }
}
