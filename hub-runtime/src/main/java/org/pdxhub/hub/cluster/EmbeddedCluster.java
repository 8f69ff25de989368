package org.pdxhub.hub.cluster;

import com.hazelcast.config.Config;
import com.hazelcast.config.InMemoryFormat;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.MapConfig;
import com.hazelcast.config.NearCacheConfig;
import com.hazelcast.config.NetworkConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;
import org.pdxhub.hub.node.HubConfig;
import org.pdxhub.hub.node.StartupRefused;

import java.util.List;

/**
 * The embedded Hazelcast member that caches reference data (catalog, grants, code tables) for
 * the nodes of one platform. No discovery by default: with no members configured it is a
 * cluster of one; with {@code pdx.cluster.members} it joins them over TCP.
 */
@Singleton
public class EmbeddedCluster {

    private static final Logger LOG = Logger.getLogger(EmbeddedCluster.class);

    @Produces
    @Startup
    @Singleton
    HazelcastInstance member(HubConfig hub) {
        HubConfig.Cluster c = hub.cluster();
        List<String> members = c.members().orElse(List.of());
        Config config = new Config()
                .setClusterName(c.name())
                .setInstanceName("pdx-" + hub.node().id())
                .setProperty("hazelcast.phone.home.enabled", "false")
                .setProperty("hazelcast.shutdownhook.enabled", "false")
                .setProperty("hazelcast.logging.type", "jdk");
        config.getJetConfig().setEnabled(false);
        CatalogNearCache.apply(config);
        NetworkConfig network = config.getNetworkConfig()
                .setPort(c.port())
                .setPortAutoIncrement(false);
        network.getInterfaces().setEnabled(true).addInterface(c.host());
        JoinConfig join = network.getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        join.getTcpIpConfig().setEnabled(!members.isEmpty()).setMembers(members);
        HazelcastInstance member;
        try {
            member = Hazelcast.newHazelcastInstance(config);
        } catch (RuntimeException e) {
            throw new StartupRefused("pdx.cluster.port", "the cluster member did not start on " + c.host() + ":" + c.port()
                    + " (" + e.getMessage() + "): choose a free port");
        }
        LOG.infof("Cluster: Hazelcast member %s on %s:%d, %d member(s) configured",
                c.name(), c.host(), c.port(), members.size());
        return member;
    }

    void stop(@Disposes HazelcastInstance member) {
        member.shutdown();
    }

    /**
     * The gate reads the catalog map on every message, and writes to it are rare (a publication,
     * a retirement): each member keeps the entries it read, its own included, and drops one as
     * soon as any member changes it. Nested so that the look-up benchmark can start members with
     * exactly this configuration without the node's CDI and logging classes.
     */
    public static final class CatalogNearCache {

        /** The catalog's IMap, as {@code CatalogReplica.MAP} names it. */
        public static final String MAP = "pdx.catalog";

        /**
         * Hazelcast batches invalidations and sends a batch every 10 s by default, so another
         * member could read a retired resource's spec for that long; catalog writes are too few
         * to need batching, so each is sent at once (within milliseconds on a LAN).
         */
        public static void apply(Config config) {
            config.setProperty("hazelcast.map.invalidation.batch.enabled", "false");
            // Invalidations lost in a partition or member change are caught up by this check (30 s is its floor).
            config.setProperty("hazelcast.invalidation.reconciliation.interval.seconds", "30");
            config.addMapConfig(new MapConfig(MAP).setNearCacheConfig(nearCache()));
        }

        public static NearCacheConfig nearCache() {
            return new NearCacheConfig(MAP)
                    // Values are JSON strings: OBJECT keeps the String itself, no copy per read.
                    .setInMemoryFormat(InMemoryFormat.OBJECT)
                    .setInvalidateOnChange(true)
                    // Entries this member owns are cached too; otherwise half the reads on a two-member cluster miss.
                    .setCacheLocalEntries(true)
                    .setSerializeKeys(false);
        }

        private CatalogNearCache() {
        }
    }
}
