package org.pdxhub.hub.link;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.apache.activemq.artemis.core.config.Configuration;
import org.jboss.logging.Logger;
import org.pdxhub.hub.messaging.BrokerExtension;
import org.pdxhub.hub.messaging.BrokerTlsConfig;
import org.pdxhub.hub.node.HubConfig;

/** The link queues and bridges of the embedded broker ({@link LinkBridges}). */
@Singleton
public class LinkQueues implements BrokerExtension {

    private static final Logger LOG = Logger.getLogger(LinkQueues.class);

    @Inject
    Links links;

    @Inject
    HubConfig config;

    @Override
    public void configure(Configuration cfg, BrokerTlsConfig tls) {
        LinkBridges.configure(cfg, links, config.node().organisation(), tls);
    }

    @Override
    public void external() {
        if (!links.all().isEmpty()) {
            LOG.warn("The broker is external (pdx.broker.embedded=false): configure the link queues and bridges on it"
                    + " (deploy/PRODUCTION.md); this node only fills pdx.link.out.{id}");
        }
    }
}
