package org.pdxhub.connector;

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
}
