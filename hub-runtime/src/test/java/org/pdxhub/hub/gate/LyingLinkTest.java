package org.pdxhub.hub.gate;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.pdxhub.hub.sharing.GrantSource;
import org.pdxhub.hub.sharing.Grants;
import org.pdxhub.hub.store.Sql;
import org.pdxhub.hub.testing.ChildOverRest;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pdxhub.hub.testing.DemoKeys.HRSS;
import static org.pdxhub.hub.testing.DemoKeys.PSB;
import static org.pdxhub.hub.testing.DemoKeys.as;

/**
 * A child node that says it masked what it did not: its records arrive over the link with
 * {@code PdxMasked} naming the ID and the mobile, their values raw. This node checks each claimed
 * value against the shape of the claimed rule's output and masks what is raw, so that nothing
 * lands or is read in clear; an honest child's pseudonyms pass as they are.
 */
@QuarkusTest
@TestProfile(ChildOverRest.class)
class LyingLinkTest {

    static final String POPULATION = "GZ-PSB-POP-001";
    static final String ID = "513323199310112353";
    static final String MOBILE = "13800138000";

    @Inject
    Grants grants;

    @Inject
    Sql sql;

    static Map<String, String> headers(String messageId, String masked) {
        return Map.of("PdxResource", POPULATION, "PdxMessageId", messageId, "PdxDirection", "UP",
                "PdxSourceNode", "luding-county", "PdxProvider", PSB, "PdxPerson", "泸定县公安局人口系统",
                "PdxPurpose", "人口基础信息汇聚", "PdxMasked", masked);
    }

    static void sendUp(Map<String, String> headers, Map<String, Object> record) {
        as("demo-system").body(Map.of("headers", headers, "records", List.of(record)))
                .post("/api/v1/links/in").then().statusCode(202);
    }

    List<Map<String, Object>> read() {
        return as("demo-system-hrss").header("Pdx-Person", "人社局张科员").header("Pdx-Purpose", URLEncoder.encode("社保资格核验", StandardCharsets.UTF_8))
                .when().get("/api/v1/exchange/" + POPULATION + "/records?limit=1000")
                .then().statusCode(200).extract().jsonPath().getList("records");
    }

    @Test
    void aLinkThatClaimsMaskingItDidNotDoLandsNothingRaw() throws Exception {
        grants.issue(HRSS, POPULATION, Set.of("citizen_id", "person_name", "mobile"), Set.of(), "社保资格核验",
                Instant.now().minusSeconds(60), Instant.now().plus(Duration.ofDays(1)), GrantSource.SEED, null, null, null, "test");
        String liar = "liar-" + UUID.randomUUID();
        sendUp(headers(liar, "{\"citizen_id\":\"pseudonym(sm3)\",\"mobile\":\"keep(3,4)\"}"),
                Map.of("citizen_id", ID, "person_name", "格*", "mobile", MOBILE));

        await().atMost(Duration.ofSeconds(20)).until(() -> read().stream().anyMatch(r -> "138****8000".equals(r.get("mobile"))));

        String landed = String.join("\n", sql.list("select * from dataset_record", rs -> {
            StringBuilder row = new StringBuilder();
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                row.append(rs.getString(i)).append('|');
            }
            return row.toString();
        }));
        String readBack = read().toString();
        for (String where : List.of(landed, readBack, Files.readString(Path.of("target/test-node.log")))) {
            assertFalse(where.contains(ID) || where.contains(MOBILE), "a raw value passed the lying link");
        }
        List<String> masking = sql.list("select masking from usage_log where message_id = ?", rs -> rs.getString(1), liar);
        assertTrue(masking.stream().anyMatch(m -> m != null && m.contains("citizen_id=upstream-claim-false(pseudonym(sm3)):1")),
                masking.toString());
    }

    @Test
    void anHonestChildsPseudonymIsNotPseudonymisedTwice() {
        grants.issue(HRSS, POPULATION, Set.of("citizen_id", "person_name", "mobile"), Set.of(), "社保资格核验",
                Instant.now().minusSeconds(60), Instant.now().plus(Duration.ofDays(1)), GrantSource.SEED, null, null, null, "test");
        String pseudonym = "3f1c0e5a9b7d2c4e6f8a0b1c2d3e4f5a";
        String honest = "honest-" + UUID.randomUUID();
        sendUp(headers(honest, "{\"citizen_id\":\"pseudonym(sm3)\",\"mobile\":\"keep(3,4)\"}"),
                Map.of("citizen_id", pseudonym, "person_name", "次*", "mobile", "139****4321"));

        await().atMost(Duration.ofSeconds(20)).until(() -> read().stream().anyMatch(r -> pseudonym.equals(r.get("citizen_id"))));
        List<String> masking = sql.list("select masking from usage_log where message_id = ?", rs -> rs.getString(1), honest);
        assertEquals(1, masking.size());
        assertFalse(masking.get(0).contains("upstream-claim-false"), masking.get(0));
    }
}
