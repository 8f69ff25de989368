package org.pdxhub.connector;

import java.util.List;
import java.util.Map;

/**
 * A kind of connector to a department system or platform (e.g. {@code file}, {@code jdbc}): a
 * CDI bean ({@code @Singleton}) in its own module that depends on this API only. The node
 * creates one {@link ConnectorInstance} per {@code pdx.connectors.<name>.*} entry whose
 * {@code kind} names this connector.
 */
public interface Connector {

    /** The name in {@code pdx.connectors.<name>.kind}; lower case, stable. */
    String kind();

    /** Every option the kind reads, with its description and default; others are refused at start. */
    default List<OptionSpec> options() {
        return List.of();
    }

    /** One sentence for listings and documentation. */
    default String description() {
        return kind() + " connector";
    }

    /**
     * Builds an instance from its options, which the node has already checked against
     * {@link #options()} (unknown names refused, required present, defaults filled in).
     * Called at start, before any instance starts; do not start threads here.
     *
     * @throws ConnectorConfigException naming the option that is wrong and what to change
     */
    ConnectorInstance create(String name, Map<String, String> options, ConnectorContext ctx);
}
