package org.pdxhub.hub.catalog;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.pdxhub.plugin.ResourceSpec;
import org.pdxhub.plugin.ShareType;

import java.time.Duration;
import java.util.Map;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.pdxhub.hub.catalog.CatalogFixtures.*;

/**
 * The published catalog is replicated through Hazelcast: a second, real member of the same
 * cluster, started here, sees every update of this node within a second.
 */
@QuarkusTest
@TestProfile(CatalogReplicationTest.TcpIpMember.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CatalogReplicationTest {

    /**
     * Members of one platform list each other (pdx.cluster.members); a member with no list has no
     * joiner and refuses members that join over TCP-IP ("Incompatible joiners"). Listing only
     * itself gives this node a TCP-IP joiner without waiting for a member that is not there yet.
     */
    public static class TcpIpMember implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("pdx.cluster.members", "127.0.0.1:${pdx.cluster.port}");
        }
    }

    static final Duration WITHIN_A_SECOND = Duration.ofSeconds(1);

    @Inject
    HazelcastInstance node;

    @ConfigProperty(name = "pdx.cluster.port")
    int nodePort;

    HazelcastInstance other;

    @BeforeAll
    void startASecondMember() {
        Config config = new Config().setClusterName(node.getConfig().getClusterName()).setInstanceName("replication-test-member")
                .setProperty("hazelcast.phone.home.enabled", "false").setProperty("hazelcast.logging.type", "jdk");
        config.getJetConfig().setEnabled(false);
        config.getNetworkConfig().setPort(nodePort + 1).setPortAutoIncrement(true).getInterfaces().setEnabled(true).addInterface("127.0.0.1");
        JoinConfig join = config.getNetworkConfig().getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        join.getTcpIpConfig().setEnabled(true).addMember("127.0.0.1:" + nodePort);
        other = Hazelcast.newHazelcastInstance(config);
        await().atMost(Duration.ofSeconds(30)).until(() -> node.getCluster().getMembers().size() == 2);
    }

    @AfterAll
    void stopIt() {
        if (other != null) {
            other.shutdown();
        }
    }

    @Test
    void theSecondMemberReadsTheSeededCatalog() {
        ResourceSpec population = CatalogReplica.parse(otherMap().get("GZ-PSB-POP-001"));
        assertEquals(PSB, population.providerUscc());
        assertEquals(ShareType.CONDITIONAL, population.shareType());
    }

    @Test
    void anApprovalAChangeAndARetirementReachTheOtherMemberWithinASecond() {
        publish(draft("T-REP-001"));
        await().atMost(WITHIN_A_SECOND).until(() -> otherMap().get("T-REP-001") != null);
        assertEquals(1, CatalogReplica.parse(otherMap().get("T-REP-001")).version());

        as(SPECIALIST_SAMR).body(Map.of("description", "now with version 2", "reason", "test"))
                .post("/api/v1/catalog/resources/T-REP-001/changes").then().statusCode(200);
        await().atMost(WITHIN_A_SECOND).until(() -> CatalogReplica.parse(otherMap().get("T-REP-001")).version() == 2);

        as(REVIEWER).body(Map.of("reason", "test over")).post("/api/v1/catalog/resources/T-REP-001/retire").then().statusCode(200);
        await().atMost(WITHIN_A_SECOND).until(() -> otherMap().get("T-REP-001") == null);
    }

    @Test
    void aRefusedChangeNeverReachesTheCluster() {
        publish(draft("T-REP-002"));
        as(SPECIALIST_SAMR).body(Map.of("shareType", "NONE", "shareBasis", "x", "reason", "restrict"))
                .post("/api/v1/catalog/resources/T-REP-002/changes").then().statusCode(202);
        as(REVIEWER).body(Map.of("decision", "RETURN", "comment", "no")).post("/api/v1/catalog/resources/T-REP-002/review")
                .then().statusCode(200);
        ResourceSpec spec = CatalogReplica.parse(otherMap().get("T-REP-002"));
        assertEquals(ShareType.UNCONDITIONAL, spec.shareType());
        assertEquals(1, spec.version());
        assertNull(otherMap().get("T-REP-NEVER"));
    }

    private IMap<String, String> otherMap() {
        return other.getMap(CatalogReplica.MAP);
    }
}
