package org.pdxhub.hub.verification;

import com.hazelcast.core.HazelcastInstance;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.pdxhub.hub.cluster.ClusterIntegrity;
import org.pdxhub.hub.cluster.ListedMembers;
import org.pdxhub.hub.sharing.Grant;
import org.pdxhub.hub.sharing.GrantSource;
import org.pdxhub.hub.sharing.Grants;
import org.pdxhub.hub.store.Sql;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pdxhub.hub.testing.DemoKeys.HRSS;
import static org.pdxhub.hub.testing.DemoKeys.as;

/**
 * A caller that spreads its verification calls over the nodes of one platform gets the rate and
 * the quota once: the other node is a second Hazelcast member of the platform, counting as a node
 * counts ({@link PlatformLimits} on that member), and this node refuses what the two together pass.
 */
@QuarkusTest
@TestProfile(ListedMembers.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PlatformLimitsTest {

    static final String POPULATION = "GZ-PSB-POP-001";
    static final String PURPOSE = "hr-identity-check";

    @Inject
    HazelcastInstance node;

    @Inject
    ClusterIntegrity integrity;

    @Inject
    Grants grants;

    @Inject
    Sql sql;

    @Inject
    Clock clock;

    HazelcastInstance second;
    PlatformLimits otherNode;

    @BeforeAll
    void startTheSecondMemberOfThePlatform() {
        second = ListedMembers.startSecondMember(node, integrity);
        await().atMost(Duration.ofSeconds(30)).until(() -> node.getCluster().getMembers().size() == 2);
        otherNode = PlatformLimits.on(second);
    }

    @AfterAll
    void stopIt() {
        if (second != null) {
            second.shutdown();
        }
    }

    @Test
    void recordsVerifiedOnAnotherNodeOfThePlatformCountAgainstTheSameDailyQuota() {
        Grant g = grant(100, 60);
        LocalDate today = LocalDate.now(clock);
        assertTrue(otherNode.takeRecords(g.id(), today, 60, 100).within(), "the other node answers 60 records");

        verify(records(50)).then().statusCode(429).body("type", equalTo("urn:pdx:problem:verify.quota"))
                .body("detail", containsString("60 used today")).body("detail", containsString("all the platform's nodes"));
        verify(records(40)).then().statusCode(200).body("count", equalTo(40));

        PlatformLimits.Taken onTheOther = otherNode.takeRecords(g.id(), today, 1, 100);
        assertFalse(onTheOther.within(), "the other node sees this node's 40 records: the day's 100 are used");
        assertTrue(onTheOther.usedBefore() == 100, "used " + onTheOther.usedBefore());
    }

    @Test
    void callsMadeOnAnotherNodeOfThePlatformCountAgainstTheSameRate() {
        Grant g = grant(100_000, 3);
        Instant now = Instant.now(clock);
        assertTrue(otherNode.takeCall(g.id(), now, 3));
        assertTrue(otherNode.takeCall(g.id(), now, 3));

        verify(records(1)).then().statusCode(200);
        verify(records(1)).then().statusCode(429).body("type", equalTo("urn:pdx:problem:verify.rate"));
        assertFalse(otherNode.takeCall(g.id(), Instant.now(clock), 3), "nor may the caller go on at the other node");
    }

    @Test
    void twoMembersTakingAtOnceNeverPassTheLimitTogether() throws Exception {
        String grant = "VG-race-" + System.nanoTime();
        LocalDate today = LocalDate.now(clock);
        PlatformLimits here = PlatformLimits.on(node);
        int[] taken = new int[2];
        Thread a = new Thread(() -> taken[0] = takeAll(here, grant, today));
        Thread b = new Thread(() -> taken[1] = takeAll(otherNode, grant, today));
        a.start();
        b.start();
        a.join();
        b.join();
        assertTrue(taken[0] + taken[1] == 500, "the two members took " + taken[0] + " + " + taken[1] + " of a quota of 500");
        assertTrue(taken[0] > 0 && taken[1] > 0, "both took some: " + taken[0] + " + " + taken[1]);
    }

    private static int takeAll(PlatformLimits limits, String grant, LocalDate day) {
        int n = 0;
        for (int i = 0; i < 400; i++) {
            if (limits.takeRecords(grant, day, 1, 500).within()) {
                n++;
            }
        }
        return n;
    }

    private Response verify(List<Map<String, Object>> records) {
        return as("demo-system-hrss").header("Pdx-Person", "hr-system").header("Pdx-Purpose", PURPOSE)
                .body(Map.of("records", records)).when().post("/api/v1/verify/" + POPULATION);
    }

    private static List<Map<String, Object>> records(int n) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(Map.of("citizen_id", VerificationTest.id("5133231991" + String.format("%07d", 3_000_000 + i)), "person_name", "格桑"));
        }
        return out;
    }

    /** A fresh verification grant with these limits, the holder's others revoked. */
    private Grant grant(int recordsPerDay, int callsPerMinute) {
        for (Grant g : grants.heldBy(HRSS)) {
            if (g.source() == GrantSource.VERIFICATION_REQUEST) {
                grants.revoke(g.id(), "test");
            }
        }
        Grant g = grants.issue(HRSS, POPULATION, Set.of("citizen_id", "person_name"), Set.of(), PURPOSE, Instant.now().minusSeconds(5),
                Instant.now().plus(Duration.ofDays(1)), GrantSource.VERIFICATION_REQUEST, null, null, null, "test");
        sql.update("insert into verification_terms (grant_id, records_per_day, calls_per_minute, unknown_distinct, set_at, set_by)"
                + " values (?,?,?,?,?,?)", g.id(), recordsPerDay, callsPerMinute, false, Instant.now(), "test");
        return g;
    }
}
