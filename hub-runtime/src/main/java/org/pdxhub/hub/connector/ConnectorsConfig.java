package org.pdxhub.hub.connector;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithParentName;

import java.util.Map;

/**
 * The node's connector instances: {@code pdx.connectors.<name>.kind=file} and
 * {@code pdx.connectors.<name>.<option>=value}. Each kind declares its options
 * ({@link org.pdxhub.connector.Connector#options()}), and {@link Connectors} checks them at start.
 */
@ConfigMapping(prefix = "pdx.connectors")
public interface ConnectorsConfig {

    /** Instance name → its keys ({@code kind} and the kind's options). */
    @WithParentName
    Map<String, Map<String, String>> instances();
}
