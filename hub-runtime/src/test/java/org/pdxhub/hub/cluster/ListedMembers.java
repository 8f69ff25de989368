package org.pdxhub.hub.cluster;

import com.hazelcast.core.HazelcastInstance;
import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The test node as one member of a platform of three listed members: itself on the test cluster
 * port, a second member one port up (started by a test), and a third address two ports up that
 * a test uses for a stranger. The tests that use this profile share one node start.
 */
public class ListedMembers implements QuarkusTestProfile {

    /** The test node's cluster port: {@code _TEST_PDX_CLUSTER_PORT} as the suite sets it, else the default of application.properties. */
    public static final int NODE_PORT = Integer.parseInt(Optional.ofNullable(System.getenv("_TEST_PDX_CLUSTER_PORT")).orElse("5801"));
    public static final int SECOND_PORT = NODE_PORT + 1;
    /** Listed, but nobody of the platform runs there. */
    public static final int LISTED_SPARE_PORT = NODE_PORT + 2;
    /** Not listed. */
    public static final int UNLISTED_PORT = NODE_PORT + 3;

    public static final List<String> MEMBERS = List.of("127.0.0.1:" + NODE_PORT, "127.0.0.1:" + SECOND_PORT, "127.0.0.1:" + LISTED_SPARE_PORT);

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("pdx.cluster.members", String.join(",", MEMBERS));
    }

    /** A second member of the platform, configured as a node configures its own, with the platform's key. */
    public static HazelcastInstance startSecondMember(HazelcastInstance node, ClusterIntegrity integrity) {
        String name = node.getConfig().getClusterName();
        return EmbeddedCluster.start(new EmbeddedCluster.MemberSettings(name, "second-member-" + SECOND_PORT, "127.0.0.1", SECOND_PORT,
                MEMBERS, Optional.empty(), integrity.joinToken(name)));
    }

    /** The value of a sealed entry without checking its tag: what an attacker reads off the network. */
    public static String unsealed(String sealed) {
        return sealed.substring(sealed.indexOf('.', "pdx1.".length()) + 1);
    }
}
