package org.pdxhub.hub.messaging;

import org.apache.activemq.artemis.core.config.Configuration;

/**
 * What a feature adds to the embedded broker's configuration before it starts (queues, address
 * settings, bridges), so that the broker configures the link queues without knowing links.
 */
public interface BrokerExtension {

    /** Adds to the embedded broker's configuration; called once, before the broker starts. */
    void configure(Configuration cfg, BrokerTlsConfig tls);

    /** Called instead of {@link #configure} when the broker is external: warn of what must be configured on it. */
    default void external() {
    }
}
