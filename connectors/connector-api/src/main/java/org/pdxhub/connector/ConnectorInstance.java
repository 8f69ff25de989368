package org.pdxhub.connector;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** One configured connector, e.g. {@code pdx.connectors.population-drop}. */
public interface ConnectorInstance {

    String name();

    String kind();

    /** Called once the node is up and its gate ready, before the first {@link #poll()}. */
    default void start() {
    }

    /** Called at shutdown, after the last {@link #poll()} has finished. */
    default void stop() {
    }

    /**
     * How often the runtime calls {@link #poll()}, from the end of one call to the start of the
     * next; empty for a connector that is driven otherwise (it starts its consumers in start()).
     */
    default Optional<Duration> pollEvery() {
        return Optional.empty();
    }

    /** One look for new data. The runtime calls it on the instance's own thread, never twice at once. */
    default void poll() {
    }

    default Health health() {
        return Health.up("running");
    }

    /** What it has done since start, e.g. {@code files-read}, {@code records-sent}, {@code failures}. */
    default Map<String, Long> counts() {
        return Map.of();
    }
}
