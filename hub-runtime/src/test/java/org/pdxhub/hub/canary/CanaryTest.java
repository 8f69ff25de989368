package org.pdxhub.hub.canary;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.pdxhub.hub.sharing.Grant;
import org.pdxhub.hub.sharing.GrantSource;
import org.pdxhub.hub.sharing.Grants;
import org.pdxhub.hub.store.Sql;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pdxhub.hub.testing.DemoKeys.HRSS;
import static org.pdxhub.hub.testing.DemoKeys.MARKET;
import static org.pdxhub.hub.testing.DemoKeys.PSB;
import static org.pdxhub.hub.testing.DemoKeys.as;
import static org.pdxhub.hub.testing.DemoKeys.system;

/** A leaked extract names the grant it came from; the provider's own reads carry nothing made up. */
@QuarkusTest
@TestProfile(CanaryTest.CanariesOn.class)
class CanaryTest {

    /** A node that opted in (pdx.canary.enabled): the others' extracts stay exactly their datasets. */
    public static class CanariesOn implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("pdx.canary.enabled", "true");
        }
    }

    static final String POPULATION = "GZ-PSB-POP-001";
    static final String PURPOSE = "canary-check";

    @Inject
    Grants grants;

    @Inject
    Sql sql;

    void populationHeld() {
        if (sql.count("select count(*) from dataset_record where resource_code = ?", POPULATION) >= 3) {
            return;
        }
        system().header("Pdx-Person", "pop-system").header("Pdx-Purpose", "population-aggregation")
                .body(List.of(person("51332219800101001"), person("51332219800101002"), person("51332219800101003")))
                .when().post("/api/v1/exchange/" + POPULATION + "/records").then().statusCode(202);
        await().atMost(Duration.ofSeconds(15)).until(() -> sql.count("select count(*) from dataset_record where resource_code = ?", POPULATION) >= 3);
    }

    @Test
    void aLeakedExtractIsTracedToItsGrantAndNotToAnother() {
        populationHeld();
        Grant hr = shareGrant(HRSS);
        Grant market = shareGrant(MARKET);
        List<Map<String, Object>> hrExtract = read("demo-system-hrss");
        List<Map<String, Object>> again = read("demo-system-hrss");
        assertEquals(new HashSet<>(hrExtract), new HashSet<>(again), "the same canaries on every read of the grant");
        List<Map<String, Object>> marketExtract = read("demo-specialist-market");
        long held = sql.count("select count(*) from dataset_record where resource_code = ?", POPULATION);
        assertEquals(Math.min(held, 1000) + 2, hrExtract.size(), "two canaries in the extract");
        assertEquals(hrExtract.get(0).keySet(), hrExtract.get(hrExtract.size() - 1).keySet(), "canaries have the shape of real records");

        as("demo-specialist").body(Map.of("resource", POPULATION, "rows", hrExtract)).when().post("/api/v1/leaks/trace")
                .then().statusCode(200).body("grants", hasSize(1)).body("grants[0].grant", equalTo(hr.id()))
                .body("grants[0].holder", equalTo(HRSS)).body("grants[0].canariesFound", equalTo(2))
                .body("grants[0].reads.size()", equalTo(2));
        as("demo-admin").body(Map.of("resource", POPULATION, "rows", marketExtract.subList(0, marketExtract.size())))
                .when().post("/api/v1/leaks/trace")
                .then().statusCode(200).body("grants", hasSize(1)).body("grants[0].grant", equalTo(market.id()));
        as("demo-specialist-hrss").body(Map.of("resource", POPULATION, "rows", hrExtract)).when().post("/api/v1/leaks/trace")
                .then().statusCode(403).body("type", equalTo("urn:pdx:problem:leak.not-entitled"));
    }

    @Test
    void theProvidersOwnReadCarriesNoCanary() {
        populationHeld();
        Grant own = shareGrant(PSB);
        List<Map<String, Object>> extract = read("demo-system");
        long held = sql.count("select count(*) from dataset_record where resource_code = ?", POPULATION);
        assertEquals(Math.min(held, 1000), extract.size());
        assertEquals(0, sql.count("select count(*) from canary_record where grant_id = ?", own.id()));
        Set<Object> canaryKeys = new HashSet<>(sql.list("select record_key from canary_record", rs -> rs.getString(1)));
        assertFalse(extract.stream().anyMatch(r -> canaryKeys.contains(r.get("citizen_id"))), "no canary of another grant either");
        assertTrue(sql.count("select count(*) from dataset_record where record_key in (select record_key from canary_record)") == 0,
                "canaries are never held as records");
    }

    private List<Map<String, Object>> read(String key) {
        return as(key).header("Pdx-Person", "reader").header("Pdx-Purpose", PURPOSE)
                .when().get("/api/v1/exchange/" + POPULATION + "/records?limit=1000").then().statusCode(200).extract().path("records");
    }

    private Grant shareGrant(String holder) {
        for (Grant g : grants.heldBy(holder)) {
            if (g.resourceCode().equals(POPULATION) && g.source() != GrantSource.VERIFICATION_REQUEST) {
                grants.revoke(g.id(), "test");
            }
        }
        return grants.issue(holder, POPULATION, Set.of("citizen_id", "person_name", "address"), Set.of(), PURPOSE,
                Instant.now().minusSeconds(5), Instant.now().plus(Duration.ofDays(1)), GrantSource.SHARE_REQUEST, null, null, null, "test");
    }

    private static Map<String, Object> person(String first17) {
        String id = first17 + FakePeople.checkCharacter(first17);
        return Map.of("citizen_id", id, "person_name", "罗布", "birth_date", "1980-01-01", "address", "四川省甘孜藏族自治州泸定县泸桥镇",
                "mobile", "13800001234");
    }
}
