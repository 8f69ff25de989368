package org.pdxhub.connector;

import java.util.List;
import java.util.Map;

/**
 * A kind of connector to a department system or platform (e.g. {@code file}, {@code jdbc}): a
 * CDI bean ({@code @Singleton}) in its own module that depends on this API only. The node
 * creates one {@link ConnectorInstance} per {@code pdx.connectors.<name>.*} entry whose
 * {@code kind} names this connector.
 *
 * @param <O> the kind's options: a record whose every component declares its {@link Option}
 */
public interface Connector<O extends Record> {

    /** The name in {@code pdx.connectors.<name>.kind}; lower case, stable. */
    String kind();

    /** The record the kind's options are read into, once, by {@link ConnectorOptions#bind}. */
    Class<O> optionsType();

    /** Every option the kind reads, from its declarations; others are refused at start. */
    default List<OptionSpec> options() {
        return ConnectorOptions.describe(optionsType());
    }

    /** One sentence for listings and documentation. */
    default String description() {
        return kind() + " connector";
    }

    /**
     * Builds an instance from its options, already parsed and held to their bounds. Called at
     * start, before any instance starts; do not start threads here.
     *
     * @throws ConnectorConfigException naming the option that is wrong (one that depends on another) and what to change
     */
    ConnectorInstance create(String name, O options, ConnectorContext ctx);

    /** The same, from the keys as written: read into {@link #optionsType()} first. */
    default ConnectorInstance create(String name, Map<String, String> options, ConnectorContext ctx) {
        return create(name, ConnectorOptions.bind(optionsType(), options), ctx);
    }
}
