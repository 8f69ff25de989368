package org.pdxhub.hub.cluster;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

import java.util.Optional;

/**
 * What protects the platform's Hazelcast cluster, which open source Hazelcast does not: no
 * client authentication and no TLS, so the member keeps clients out and signs what it shares.
 */
@ConfigMapping(prefix = "pdx.cluster")
public interface ClusterSecurityConfig {

    /**
     * The platform's key for the integrity tags of shared map entries and for the join check:
     * at least 32 bytes, {@code base64:...} or plain text, the same on every node of a platform
     * and never stored in the cluster. A member that does not hold it cannot join, and an entry
     * it writes is refused by every node. Required, except in the demo configuration
     * ({@code pdx.demo=true}), which falls back to the demo key.
     */
    @WithName("integrity-key")
    Optional<String> integrityKey();

    /**
     * Whether Hazelcast clients may connect (on {@code pdx.cluster.client-port}). Off by default:
     * open source Hazelcast does not authenticate clients, and the node needs none.
     */
    @WithName("clients-enabled")
    @WithDefault("false")
    boolean clientsEnabled();

    /** The port for Hazelcast clients, on {@code pdx.cluster.host}; required when clients are enabled. */
    @WithName("client-port")
    Optional<Integer> clientPort();
}
