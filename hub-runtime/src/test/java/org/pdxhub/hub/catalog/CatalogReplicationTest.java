package org.pdxhub.hub.catalog;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.pdxhub.hub.cluster.ClusterIntegrity;
import org.pdxhub.hub.cluster.ListedMembers;
import org.pdxhub.plugin.ResourceSpec;
import org.pdxhub.plugin.ShareType;

import java.time.Duration;
import java.util.Map;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pdxhub.hub.catalog.CatalogFixtures.*;

/**
 * The published catalog is replicated through Hazelcast: a second, real member of the same
 * platform, started here, sees every update of this node within a second. What another member
 * puts back into the map from the past (an older version, a retired resource) is not believed.
 */
@QuarkusTest
@TestProfile(ListedMembers.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CatalogReplicationTest {

    static final Duration WITHIN_A_SECOND = Duration.ofSeconds(1);

    @Inject
    HazelcastInstance node;

    @Inject
    ClusterIntegrity integrity;

    @Inject
    Catalog catalog;

    HazelcastInstance other;

    @BeforeAll
    void startASecondMember() {
        other = ListedMembers.startSecondMember(node, integrity);
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
        ResourceSpec population = spec(otherMap().get("GZ-PSB-POP-001"));
        assertEquals(PSB, population.providerUscc());
        assertEquals(ShareType.CONDITIONAL, population.shareType());
    }

    @Test
    void anApprovalAChangeAndARetirementReachTheOtherMemberWithinASecond() {
        publish(draft("T-REP-001"));
        await().atMost(WITHIN_A_SECOND).until(() -> otherMap().get("T-REP-001") != null);
        assertEquals(1, spec(otherMap().get("T-REP-001")).version());

        as(SPECIALIST_SAMR).body(Map.of("description", "now with version 2", "reason", "test"))
                .post("/api/v1/catalog/resources/T-REP-001/changes").then().statusCode(200);
        await().atMost(WITHIN_A_SECOND).until(() -> spec(otherMap().get("T-REP-001")).version() == 2);

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
        ResourceSpec spec = spec(otherMap().get("T-REP-002"));
        assertEquals(ShareType.UNCONDITIONAL, spec.shareType());
        assertEquals(1, spec.version());
        assertNull(otherMap().get("T-REP-NEVER"));
    }

    @Test
    void anOldGenuineEntryPutBackIsNotBelieved() {
        publish(draft("T-REP-003"));
        await().atMost(WITHIN_A_SECOND).until(() -> otherMap().get("T-REP-003") != null);
        String versionOne = otherMap().get("T-REP-003");
        as(SPECIALIST_SAMR).body(Map.of("description", "now with version 2", "reason", "test"))
                .post("/api/v1/catalog/resources/T-REP-003/changes").then().statusCode(200);
        await().atMost(WITHIN_A_SECOND).until(() -> catalog.publishedSpec("T-REP-003").orElseThrow().version() == 2);

        otherMap().set("T-REP-003", versionOne);
        await().atMost(WITHIN_A_SECOND).until(() -> versionOne.equals(nodeMap().get("T-REP-003")));

        assertEquals(2, catalog.publishedSpec("T-REP-003").orElseThrow().version());
        assertEquals(2, spec(otherMap().get("T-REP-003")).version(), "the store's version is put back");
    }

    @Test
    void aRetiredResourcesEntryPutBackIsNotBelieved() {
        publish(draft("T-REP-004"));
        await().atMost(WITHIN_A_SECOND).until(() -> otherMap().get("T-REP-004") != null);
        String published = otherMap().get("T-REP-004");
        as(REVIEWER).body(Map.of("reason", "test over")).post("/api/v1/catalog/resources/T-REP-004/retire").then().statusCode(200);
        await().atMost(WITHIN_A_SECOND).until(() -> catalog.publishedSpec("T-REP-004").isEmpty());

        otherMap().set("T-REP-004", published);
        await().atMost(WITHIN_A_SECOND).until(() -> published.equals(nodeMap().get("T-REP-004")));

        assertTrue(catalog.publishedSpec("T-REP-004").isEmpty());
        assertNull(otherMap().get("T-REP-004"), "the entry is taken out again");
    }

    @Test
    void anEntryDeletedBehindTheNodesBackIsRestoredFromTheStore() {
        otherMap().delete("GZ-PSB-POP-001");
        await().atMost(WITHIN_A_SECOND).until(() -> nodeMap().get("GZ-PSB-POP-001") == null);

        assertEquals(PSB, catalog.publishedSpec("GZ-PSB-POP-001").orElseThrow().providerUscc());
        assertEquals(PSB, spec(otherMap().get("GZ-PSB-POP-001")).providerUscc());
    }

    private ResourceSpec spec(String sealed) {
        return CatalogReplica.parse(ListedMembers.unsealed(sealed));
    }

    private IMap<String, String> nodeMap() {
        return node.getMap(CatalogReplica.MAP);
    }

    private IMap<String, String> otherMap() {
        return other.getMap(CatalogReplica.MAP);
    }
}
