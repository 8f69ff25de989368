package org.pdxhub.hub.cluster;

import com.hazelcast.cluster.Address;
import com.hazelcast.config.AdvancedNetworkConfig;
import com.hazelcast.config.Config;
import com.hazelcast.config.InMemoryFormat;
import com.hazelcast.config.InterfacesConfig;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.MapConfig;
import com.hazelcast.config.NearCacheConfig;
import com.hazelcast.config.ServerSocketEndpointConfig;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.instance.impl.DefaultNodeContext;
import com.hazelcast.instance.impl.DefaultNodeExtension;
import com.hazelcast.instance.impl.HazelcastInstanceFactory;
import com.hazelcast.instance.impl.Node;
import com.hazelcast.instance.impl.NodeExtension;
import com.hazelcast.internal.cluster.impl.JoinMessage;
import com.hazelcast.internal.cluster.impl.JoinRequest;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;
import org.pdxhub.hub.node.HubConfig;
import org.pdxhub.hub.node.StartupRefused;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The embedded Hazelcast member that caches reference data (catalog, grants, code tables) for
 * the nodes of one platform. No discovery by default: with no members configured it is a
 * cluster of one; with {@code pdx.cluster.members} it joins them over TCP.
 *
 * <p>Open source Hazelcast authenticates nobody and encrypts nothing, so the member keeps its
 * door as narrow as it can: it listens on {@code pdx.cluster.host} only (Hazelcast binds to
 * every interface unless told not to), it has no client endpoint unless
 * {@code pdx.cluster.clients-enabled}, and as master it admits only the listed members that
 * show the platform's join token. What is still written to its maps is not believed without an
 * integrity tag ({@link ClusterIntegrity}).
 */
@Singleton
public class EmbeddedCluster {

    private static final Logger LOG = Logger.getLogger(EmbeddedCluster.class);

    /** The member attribute that carries the join token. */
    public static final String JOIN_ATTRIBUTE = "pdx.join";

    /** What one member needs to start; {@link #start} is also how tests start a second, legitimate member. */
    public record MemberSettings(String clusterName, String instanceName, String host, int port, List<String> members,
                                 Optional<Integer> clientPort, String joinToken) {
    }

    @Produces
    @Singleton
    HazelcastInstance member(HubConfig hub, ClusterSecurityConfig security, ClusterIntegrity integrity) {
        HubConfig.Cluster c = hub.cluster();
        List<String> members = c.members().orElse(List.of());
        Optional<Integer> clientPort = Optional.empty();
        if (security.clientsEnabled()) {
            clientPort = Optional.of(security.clientPort().orElseThrow(() -> new StartupRefused("pdx.cluster.client-port",
                    "clients are enabled (pdx.cluster.clients-enabled) but no port is set for them: set pdx.cluster.client-port")));
        }
        MemberSettings settings = new MemberSettings(c.name(), "pdx-" + hub.node().id(), c.host(), c.port(), members, clientPort,
                integrity.joinToken(c.name()));
        HazelcastInstance member;
        try {
            member = start(settings);
        } catch (StartupRefused e) {
            throw e;
        } catch (RuntimeException e) {
            throw new StartupRefused("pdx.cluster.port", "the cluster member did not start on " + c.host() + ":" + c.port()
                    + " (" + e.getMessage() + "): choose a free port");
        }
        LOG.infof("Cluster: Hazelcast member %s listening on %s:%d only, %d member(s) admitted, %s",
                c.name(), c.host(), c.port(), members.size(),
                clientPort.map(p -> "clients on port " + p + " (unauthenticated: keep them on a private network)").orElse("no clients"));
        return member;
    }

    void stop(@Disposes HazelcastInstance member) {
        member.shutdown();
    }

    /** Starts a member of a platform's cluster as every node does. */
    public static HazelcastInstance start(MemberSettings s) {
        Config config = new Config()
                .setClusterName(s.clusterName())
                .setInstanceName(s.instanceName())
                .setProperty("hazelcast.phone.home.enabled", "false")
                .setProperty("hazelcast.shutdownhook.enabled", "false")
                .setProperty("hazelcast.logging.type", "jdk")
                // Without these Hazelcast binds its server sockets to 0.0.0.0 whatever the interfaces say.
                .setProperty("hazelcast.socket.bind.any", "false")
                .setProperty("hazelcast.socket.server.bind.any", "false");
        config.getJetConfig().setEnabled(false);
        // Entry processors of the node's own classes (the platform-wide limits) are read on the entry's
        // owner; under Quarkus the loader of Hazelcast's classes cannot see the application's.
        config.setClassLoader(EmbeddedCluster.class.getClassLoader());
        config.getMemberAttributeConfig().setAttribute(JOIN_ATTRIBUTE, s.joinToken());
        CatalogNearCache.apply(config);
        // The advanced network has one server socket per endpoint; with no CLIENT endpoint the member port
        // speaks only the member protocol, so a client cannot connect at all.
        AdvancedNetworkConfig network = config.getAdvancedNetworkConfig().setEnabled(true);
        network.setMemberEndpointConfig(endpoint(s.host(), s.port()));
        s.clientPort().ifPresent(p -> network.setClientEndpointConfig(endpoint(s.host(), p)));
        JoinConfig join = network.getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        join.getTcpIpConfig().setEnabled(!s.members().isEmpty()).setMembers(s.members());
        Set<String> admitted = s.members().stream().map(EmbeddedCluster::resolved).collect(Collectors.toUnmodifiableSet());
        return HazelcastInstanceFactory.newHazelcastInstance(config, s.instanceName(), new DefaultNodeContext() {
            @Override
            public NodeExtension createNodeExtension(Node node) {
                return new MemberListCheck(node, admitted, s.joinToken());
            }
        });
    }

    private static ServerSocketEndpointConfig endpoint(String host, int port) {
        ServerSocketEndpointConfig endpoint = new ServerSocketEndpointConfig();
        endpoint.setPort(port).setPortAutoIncrement(false);
        endpoint.setInterfaces(new InterfacesConfig().setEnabled(true).addInterface(host));
        return endpoint;
    }

    /** {@code host:port} with the host as an IP address, as a join request names its sender. */
    private static String resolved(String member) {
        int colon = member.lastIndexOf(':');
        if (colon < 0) {
            throw new StartupRefused("pdx.cluster.members", "'" + member + "' has no port: write host:port");
        }
        try {
            return InetAddress.getByName(member.substring(0, colon)).getHostAddress() + member.substring(colon);
        } catch (UnknownHostException e) {
            throw new StartupRefused("pdx.cluster.members", "'" + member + "' does not resolve: write an address of a member");
        }
    }

    /**
     * The master's check of a member that asks to join (Hazelcast calls it on the master only,
     * and sends the refusal back, which stops the joiner): the address must be one of
     * {@code pdx.cluster.members} and the join token the platform's. The token is derived from
     * the integrity key, so a stranger on the network cannot make one; it travels in clear, so
     * the segment must stay private (deploy/PRODUCTION.md).
     */
    static final class MemberListCheck extends DefaultNodeExtension {

        private final Set<String> admitted;
        private final String token;

        MemberListCheck(Node node, Set<String> admitted, String token) {
            super(node);
            this.admitted = admitted;
            this.token = token;
        }

        @Override
        public void validateJoinRequest(JoinMessage message) {
            super.validateJoinRequest(message);
            Address from = message.getAddress();
            String address = addressOf(from);
            if (!admitted.contains(address)) {
                throw new IllegalStateException("PDX: member " + address + " is not in pdx.cluster.members of this platform: refused");
            }
            if (message instanceof JoinRequest request && !sameToken(request.getAttributes().get(JOIN_ATTRIBUTE))) {
                throw new IllegalStateException("PDX: member " + address + " does not hold this platform's integrity key: refused");
            }
        }

        private boolean sameToken(String shown) {
            return shown != null && MessageDigest.isEqual(token.getBytes(StandardCharsets.US_ASCII), shown.getBytes(StandardCharsets.US_ASCII));
        }

        private static String addressOf(Address a) {
            try {
                return a.getInetAddress().getHostAddress() + ":" + a.getPort();
            } catch (UnknownHostException e) {
                return a.getHost() + ":" + a.getPort();
            }
        }
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
