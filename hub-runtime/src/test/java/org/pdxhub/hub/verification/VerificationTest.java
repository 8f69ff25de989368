package org.pdxhub.hub.verification;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.pdxhub.hub.catalog.Catalog;
import org.pdxhub.hub.sharing.Grant;
import org.pdxhub.hub.sharing.GrantSource;
import org.pdxhub.hub.sharing.Grants;
import org.pdxhub.hub.store.Sql;
import org.pdxhub.plugin.ResourceSpec;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pdxhub.hub.testing.DemoKeys.HRSS;
import static org.pdxhub.hub.testing.DemoKeys.MARKET;
import static org.pdxhub.hub.testing.DemoKeys.as;
import static org.pdxhub.hub.testing.DemoKeys.reviewer;
import static org.pdxhub.hub.testing.DemoKeys.system;

/** 核验 from both sides: the holder of a verification grant, and whoever would use it to learn what it does not hold. */
@QuarkusTest
class VerificationTest {

    static final String POPULATION = "GZ-PSB-POP-001";
    static final String ENTITIES = "GZ-SAMR-ENT-001";
    static final String PURPOSE = "hr-identity-check";
    /** Valid check characters, Danba (513323); used nowhere else, so a search for them is exact. */
    static final String HELD_ID = id("51332319900303001");
    static final String HELD_NAME = "泽仁拉姆";

    @Inject
    Grants grants;

    @Inject
    Sql sql;

    @Inject
    Verifier verifier;

    @Inject
    Catalog catalog;

    @BeforeEach
    void populationHeld() {
        if (sql.count("select count(*) from dataset_record where resource_code = ? and payload like ?", POPULATION, "%泽*%") > 0) {
            return;
        }
        system().header("Pdx-Person", "pop-system").header("Pdx-Purpose", "population-aggregation")
                .body(List.of(Map.of("citizen_id", HELD_ID, "person_name", HELD_NAME, "birth_date", "1990-03-03",
                        "address", "四川省甘孜藏族自治州丹巴县章谷镇", "mobile", "13700001111")))
                .when().post("/api/v1/exchange/" + POPULATION + "/records").then().statusCode(202);
        await().atMost(Duration.ofSeconds(10)).until(() ->
                sql.count("select count(*) from dataset_record where resource_code = ? and payload like ?", POPULATION, "%泽*%") > 0);
    }

    @Test
    void aVerificationGrantComesFromItsOwnRequestAndAnswersMatchOrMismatchButNeverAValue() {
        as("demo-specialist-market").header("Pdx-Person", "ent-system").header("Pdx-Purpose", "entity-aggregation")
                .body(List.of(Map.of("uscc", HRSS, "entity_name", "甘孜州人社局", "business_status", "存续")))
                .when().post("/api/v1/exchange/" + ENTITIES + "/records").then().statusCode(202);
        await().atMost(Duration.ofSeconds(10)).until(() ->
                sql.count("select count(*) from dataset_record where resource_code = ? and record_key = ?", ENTITIES, HRSS) > 0);
        String id = as("demo-specialist-hrss").body(Map.of("resource", ENTITIES, "fields", List.of("entity_name", "business_status"),
                        "purpose", "参保单位核验", "purposeCode", "si-employer-check"))
                .when().post("/api/v1/verification-requests")
                .then().statusCode(201).body("kind", equalTo("VERIFICATION")).body("assigneeRole", equalTo("REVIEWER"))
                .extract().path("id");
        String grant = reviewer().body(Map.of("decision", "APPROVE")).when().post("/api/v1/verification-requests/" + id + "/decision")
                .then().statusCode(200).body("status", equalTo("APPROVED")).extract().path("grantId");

        Response r = as("demo-system-hrss").header("Pdx-Person", "si-system").header("Pdx-Purpose", "si-employer-check")
                .body(Map.of("records", List.of(Map.of("uscc", HRSS, "entity_name", "甘孜州人社局", "business_status", "存续"),
                        Map.of("uscc", HRSS, "entity_name", "另一家公司", "business_status", "存续"))))
                .when().post("/api/v1/verify/" + ENTITIES);
        r.then().statusCode(200).body("grant", equalTo(grant))
                .body("results[0].result", equalTo("MATCH")).body("results[0].fields.entity_name", equalTo("MATCH"))
                .body("results[1].result", equalTo("MISMATCH")).body("results[1].fields.entity_name", equalTo("MISMATCH"))
                .body("results[1].fields.business_status", equalTo("MATCH"));
        assertFalse(r.asString().contains("甘孜州人社局") || r.asString().contains(HRSS), r.asString());

        // The same grant reads nothing: a copy is another request. (Another test of this node may have
        // given the holder a share grant for another purpose; either way the verification grant is not it.)
        as("demo-system-hrss").header("Pdx-Person", "si-system").header("Pdx-Purpose", "si-employer-check")
                .when().get("/api/v1/exchange/" + ENTITIES + "/records")
                .then().statusCode(403).body("rule", anyOf(equalTo("grant.missing"), equalTo("grant.purpose-mismatch")))
                .body("detail", not(containsString(grant)));
    }

    /** Without a digest (a record landed before they were kept) agreement of the part held cannot be proven. */
    @Test
    void aNameHeldOnlyInPartWithoutItsDigestIsNeverSaidToMatch() {
        sql.update("delete from record_digest where resource_code = ? and record_key in (select record_key from dataset_record"
                + " where resource_code = ? and payload like ?)", POPULATION, POPULATION, "%泽*%");
        liveGrant(HRSS, Set.of("person_name", "birth_date"));
        verifyAsHrss(List.of(Map.of("citizen_id", HELD_ID, "person_name", HELD_NAME, "birth_date", "1990-03-03"),
                        Map.of("citizen_id", HELD_ID, "person_name", "格桑", "birth_date", "1985-01-01")))
                .then().statusCode(200)
                .body("results[0].result", equalTo("UNKNOWN")).body("results[0].fields.person_name", equalTo("UNKNOWN"))
                .body("results[1].result", equalTo("MISMATCH")).body("results[1].fields.person_name", equalTo("MISMATCH"))
                .body("results[1].fields.birth_date", equalTo("MISMATCH"));
    }

    @Test
    void anUnknownKeyIsAnsweredExactlyAsAMismatchInBodyAndTime() {
        liveGrant(HRSS, Set.of("person_name"));
        String unknown = id("51332319900303002");
        Response r = verifyAsHrss(List.of(Map.of("citizen_id", HELD_ID, "person_name", "格桑"),
                Map.of("citizen_id", unknown, "person_name", "格桑")));
        r.then().statusCode(200);
        Map<String, Object> held = new HashMap<>(r.path("results[0]"));
        Map<String, Object> notHeld = new HashMap<>(r.path("results[1]"));
        held.remove("index");
        notHeld.remove("index");
        assertEquals(held, notHeld);

        // Timing: the lookup and comparison of a held key against a key not held, 2,000 times each in a batch, alternated;
        // the medians within a factor of 2 (the limits and the wire are left out: they are the same for both). Both
        // batches repeat one key, so that what differs is held against not held, not one key against 2,000 distinct ones.
        ResourceSpec spec = catalog.publishedSpec(POPULATION).orElseThrow();
        List<Map<String, Object>> heldBatch = Collections.nCopies(2_000, Map.of("citizen_id", HELD_ID, "person_name", "格桑"));
        List<Map<String, Object>> unknownBatch = Collections.nCopies(2_000, Map.of("citizen_id", unknown, "person_name", "格桑"));
        long[] a = new long[9];
        long[] b = new long[9];
        for (int i = 0; i < 9; i++) {
            long t0 = System.nanoTime();
            assertTrue(verifier.compare(spec, heldBatch, false).stream().allMatch(x -> x.result() == Outcome.MISMATCH));
            long t1 = System.nanoTime();
            assertTrue(verifier.compare(spec, unknownBatch, false).stream().allMatch(x -> x.result() == Outcome.MISMATCH));
            a[i] = t1 - t0;
            b[i] = System.nanoTime() - t1;
        }
        Arrays.sort(a);
        Arrays.sort(b);
        double ratio = (double) a[4] / b[4];
        assertTrue(ratio > 0.5 && ratio < 2, "held " + Arrays.toString(a) + " ns, not held " + Arrays.toString(b) + " ns");
    }

    @Test
    void unknownKeysAreToldApartOnlyWhereTheProviderSaidSo() {
        Grant g = liveGrant(HRSS, Set.of("person_name"));
        as("demo-specialist-hrss").body(Map.of("unknownDistinct", true)).when().put("/api/v1/verify/grants/" + g.id() + "/terms")
                .then().statusCode(403).body("type", equalTo("urn:pdx:problem:verify.not-provider"));
        as("demo-specialist").body(Map.of("unknownDistinct", true)).when().put("/api/v1/verify/grants/" + g.id() + "/terms")
                .then().statusCode(200);
        verifyAsHrss(List.of(Map.of("citizen_id", id("51332319900303003"), "person_name", "格桑")))
                .then().statusCode(200).body("results[0].result", equalTo("UNKNOWN"));
    }

    @Test
    void sequentialIdsAreStoppedOnceTheirMissesShowGuessing() {
        liveGrant(HRSS, Set.of("person_name"), 1_000);
        int refusedAt = -1;
        for (int call = 0; call < 10 && refusedAt < 0; call++) {
            List<Map<String, Object>> guesses = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                guesses.add(Map.of("citizen_id", id("5133231990" + String.format("%07d", 2_000_000 + call * 20 + i)), "person_name", "张三"));
            }
            Response r = verifyAsHrss(guesses);
            if (r.statusCode() == 429) {
                r.then().contentType("application/problem+json").body("type", equalTo("urn:pdx:problem:verify.guessing"));
                refusedAt = call;
            } else {
                r.then().statusCode(200);
            }
        }
        assertEquals(2, refusedAt, "refused at the call that brings the misses to 50 (pdx.verify.guessing.min-records) and more");
        // A right answer does not unlock it: the window has to pass.
        verifyAsHrss(List.of(Map.of("citizen_id", HELD_ID, "person_name", "格桑")))
                .then().statusCode(429).body("type", equalTo("urn:pdx:problem:verify.guessing"));
    }

    @Test
    void theUsageLogAndTheStoreHoldCountsButNoValue() {
        String marker = id("51332319900303004");
        liveGrant(HRSS, Set.of("person_name"));
        verifyAsHrss(List.of(Map.of("citizen_id", HELD_ID, "person_name", "次仁多吉"), Map.of("citizen_id", marker, "person_name", "次仁多吉")))
                .then().statusCode(200);
        List<String> rows = new ArrayList<>(dump("usage_log"));
        rows.addAll(dump("verification_call"));
        for (String raw : List.of(HELD_ID, marker, "次仁多吉", "次*")) {
            assertTrue(rows.stream().noneMatch(s -> s.contains(raw)), raw + " found in the store");
        }
        assertTrue(rows.stream().anyMatch(s -> s.contains("VERIFY") && s.contains("0 match, 2 mismatch, 0 unknown")), "the call is logged");
    }

    @Test
    void withoutAVerificationGrantTheCallIsRefused() {
        grants.issue(MARKET, POPULATION, Set.of("person_name"), Set.of(), PURPOSE, Instant.now().minusSeconds(5),
                Instant.now().plus(Duration.ofDays(1)), GrantSource.SHARE_REQUEST, null, null, null, "test");
        as("demo-specialist-market").header("Pdx-Person", "someone").header("Pdx-Purpose", PURPOSE)
                .body(Map.of("records", List.of(Map.of("citizen_id", HELD_ID, "person_name", HELD_NAME))))
                .when().post("/api/v1/verify/" + POPULATION)
                .then().statusCode(403).contentType("application/problem+json").body("type", equalTo("urn:pdx:problem:verify.grant-missing"));
    }

    @Test
    void tenThousandAndOneRecordsAreRefusedNamingTheLimit() {
        liveGrant(HRSS, Set.of("person_name"));
        verifyAsHrss(Collections.nCopies(10_001, Map.of("citizen_id", HELD_ID, "person_name", "格桑")))
                .then().statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("urn:pdx:problem:verify.too-many")).body("field", equalTo("records")).body("detail", containsString("10000"));
        verifyAsHrss(List.of(Map.of("citizen_id", HELD_ID, "mobile", "13700001111")))
                .then().statusCode(403).body("type", equalTo("urn:pdx:problem:verify.field-not-granted")).body("field", startsWith("records[0]"));
    }

    private Response verifyAsHrss(List<Map<String, Object>> records) {
        return as("demo-system-hrss").header("Pdx-Person", "hr-system").header("Pdx-Purpose", PURPOSE)
                .body(Map.of("records", records)).when().post("/api/v1/verify/" + POPULATION);
    }

    private Grant liveGrant(String holder, Set<String> fields) {
        return liveGrant(holder, fields, 60);
    }

    /** A fresh verification grant, the holder's others revoked: each rule is tried on a grant with no history. */
    private Grant liveGrant(String holder, Set<String> fields, int callsPerMinute) {
        for (Grant g : grants.heldBy(holder)) {
            if (g.source() == GrantSource.VERIFICATION_REQUEST) {
                grants.revoke(g.id(), "test");
            }
        }
        Grant g = grants.issue(holder, POPULATION, fields, Set.of(), PURPOSE, Instant.now().minusSeconds(5),
                Instant.now().plus(Duration.ofDays(1)), GrantSource.VERIFICATION_REQUEST, null, null, null, "test");
        sql.update("insert into verification_terms (grant_id, calls_per_minute, unknown_distinct, set_at, set_by) values (?,?,?,?,?)",
                g.id(), callsPerMinute, false, Instant.now(), "test");
        return g;
    }

    private List<String> dump(String table) {
        return sql.list("select * from " + table, rs -> {
            StringBuilder row = new StringBuilder();
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                row.append(rs.getString(i)).append('|');
            }
            return row.toString();
        });
    }

    /** A citizen ID with its GB 11643 check character. */
    static String id(String first17) {
        int[] w = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (first17.charAt(i) - '0') * w[i];
        }
        return first17 + "10X98765432".charAt(sum % 11);
    }
}
