package org.pdxhub.connector;

import java.util.Map;

/** One configured connector, e.g. {@code pdx.connectors.population-drop}. */
public interface ConnectorInstance {

    String name();

    String kind();

    /** Called once the node is up and its gate ready; start polling here. */
    default void start() {
    }

    /** Called at shutdown; stop polling and let a batch in flight finish. */
    default void stop() {
    }

    default Health health() {
        return Health.up("running");
    }

    /** What it has done since start, e.g. {@code files-read}, {@code records-sent}, {@code failures}. */
    default Map<String, Long> counts() {
        return Map.of();
    }
}
