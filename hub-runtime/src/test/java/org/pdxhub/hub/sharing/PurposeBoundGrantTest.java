package org.pdxhub.hub.sharing;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.pdxhub.hub.signing.Signature;
import org.pdxhub.hub.store.Sql;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.hasKey;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.pdxhub.hub.sharing.RequestFixtures.*;

/**
 * A grant is given for one purpose (使用用途, art. 19): a read under it states that purpose, by its
 * code or its exact approved text, or nothing is delivered. The usage log names the key that read,
 * not only the person the caller declared.
 */
@QuarkusTest
class PurposeBoundGrantTest {

    static final String PURPOSE = "灵活就业人员参保登记时核验经营主体";
    static final String CODE = "SI-ENROL-CHECK";
    static final String RECORDS = "/api/v1/exchange/" + ENTITIES + "/records";

    @Inject
    Sql sql;

    @Test
    void aGrantHolderReadingForAnotherPurposeIsRefused() {
        String grant = approvedGrant(CODE);
        Map<String, Object> refused = as(SYSTEM_HRSS).header("Pdx-Person", enc("人社局张科员"))
                .header("Pdx-Purpose", enc("某私营公司营销名单")).get(RECORDS)
                .then().statusCode(403).contentType("application/problem+json")
                .body("type", equalTo("urn:pdx:problem:grant.purpose-mismatch")).body("field", equalTo("Pdx-Purpose"))
                .body("detail", containsString(CODE)).body("detail", containsString(PURPOSE))
                .body("$", not(hasKey("records")))
                .extract().as(Map.class);

        Map<String, Object> entry = usageEntry(((Number) refused.get("usageLogSeq")).longValue());
        assertEquals("REFUSED", entry.get("DECISION"));
        assertEquals("grant.purpose-mismatch", entry.get("RULE"));
        assertEquals(grant, entry.get("GRANT_ID"));
        assertEquals(SYSTEM_HRSS, entry.get("KEY_ID"));
        assertEquals("人社局张科员", entry.get("PERSON"));
    }

    @Test
    void theApprovedPurposeIsStatedByItsCodeOrItsExactText() {
        String grant = approvedGrant(CODE);
        long byCode = read(CODE).then().statusCode(200).body("grant", equalTo(grant)).extract().jsonPath().getLong("usageLogSeq");
        read(enc(PURPOSE)).then().statusCode(200).body("grant", equalTo(grant));
        // Close is not the same: the text approved, not a paraphrase of it.
        read(enc(PURPOSE + "及营销")).then().statusCode(403).body("rule", equalTo("grant.purpose-mismatch"));
        read(CODE.toLowerCase()).then().statusCode(403).body("rule", equalTo("grant.purpose-mismatch"));

        Map<String, Object> entry = usageEntry(byCode);
        assertEquals("DELIVERED", entry.get("DECISION"));
        assertEquals(SYSTEM_HRSS, entry.get("KEY_ID"));
        assertEquals(CODE, entry.get("PURPOSE"));
    }

    @Test
    void aRequestWithoutAPurposeCodeGivesItsGrantTheRequestsIdAsTheCode() {
        Map<String, Object> ask = ask(ENTITIES, "uscc");
        ask.put("purpose", PURPOSE);
        String id = as(SPECIALIST_HRSS).body(ask).post("/api/v1/share-requests").then().statusCode(201).extract().path("id");
        String grant = as(REVIEWER).body(Map.of("decision", "APPROVE")).post("/api/v1/share-requests/" + id + "/decision")
                .then().statusCode(200).extract().path("grantId");
        as(SPECIALIST_HRSS).get("/api/v1/grants/" + grant).then().statusCode(200)
                .body("grant.purposeCode", equalTo(id)).body("grant.purpose", equalTo(PURPOSE));
        read(id).then().statusCode(200).body("grant", equalTo(grant));
    }

    @Test
    void aMalformedPurposeCodeIsRefusedAndNothingIsStored() {
        Map<String, Object> ask = ask(ENTITIES, "uscc");
        ask.put("purposeCode", "营销 list");
        var before = snapshot(sql);
        as(SPECIALIST_HRSS).body(ask).post("/api/v1/share-requests").then().statusCode(400).body("field", equalTo("purposeCode"));
        assertEquals(before, snapshot(sql));
    }

    @Test
    void anOpenDataReadUnderAConditionalGrantStatesTheApprovedPurposeToo() {
        String code = "T-PURPOSE-OPEN-001";
        publishMarketResource(code, "UNCONDITIONAL", "CONDITIONAL");
        String id = as(SYSTEM_HRSS).body(Map.of("resource", code, "fields", List.of("uscc"), "purpose", "信用评估",
                        "purposeCode", "CREDIT-CHECK", "scenario", "灵活就业人员参保信用核查"))
                .post("/api/v1/open-applications").then().statusCode(201).extract().path("id");
        as(SPECIALIST_SAMR).body(Map.of("decision", "APPROVE")).post("/api/v1/open-applications/" + id + "/decision")
                .then().statusCode(200);
        // The default purpose of an open download is not the one approved.
        as(SYSTEM_HRSS).get("/api/v1/open/resources/" + code + "/data").then().statusCode(403)
                .body("rule", equalTo("grant.purpose-mismatch")).body("detail", containsString("CREDIT-CHECK"));
        as(SYSTEM_HRSS).header("Pdx-Purpose", "marketing list").get("/api/v1/open/resources/" + code + "/data").then().statusCode(403)
                .body("rule", equalTo("grant.purpose-mismatch"));
        int seq = as(SYSTEM_HRSS).header("Pdx-Purpose", "CREDIT-CHECK").get("/api/v1/open/resources/" + code + "/data")
                .then().statusCode(200).extract().path("usageLogSeq");
        assertEquals(SYSTEM_HRSS, usageEntry(seq).get("KEY_ID"));
    }

    @Test
    void theUsageLogNamesTheApiKeyAndTheSigningKeyBesideTheDeclaredPerson() {
        byte[] body = "[{\"citizen_id\":\"513321199001010019\",\"person_name\":\"次仁\"}]".getBytes(StandardCharsets.UTF_8);
        int byApiKey = as(SYSTEM_PSB).header("Pdx-Person", "anyone at all").header("Pdx-Purpose", enc("人口基础信息汇聚"))
                .body(body).post("/api/v1/exchange/" + POPULATION + "/records").then().statusCode(202).extract().path("usageLogSeq");
        assertEquals(SYSTEM_PSB, usageEntry(byApiKey).get("KEY_ID"));
        assertEquals("anyone at all", usageEntry(byApiKey).get("PERSON"));

        int bySignature = signed("POST", "/api/v1/exchange/" + POPULATION + "/records", body)
                .post("/api/v1/exchange/" + POPULATION + "/records").then().statusCode(202).extract().path("usageLogSeq");
        assertEquals("demo-psb-system", usageEntry(bySignature).get("KEY_ID"));
    }

    /** A share request for ENTITIES by the human-resources bureau, approved by the agency's reviewer. */
    private static String approvedGrant(String purposeCode) {
        Map<String, Object> ask = ask(ENTITIES, "uscc", "entity_name");
        ask.put("purpose", PURPOSE);
        ask.put("purposeCode", purposeCode);
        String id = as(SPECIALIST_HRSS).body(ask).post("/api/v1/share-requests").then().statusCode(201)
                .body("purposeCode", equalTo(purposeCode)).extract().path("id");
        String grant = as(REVIEWER).body(Map.of("decision", "APPROVE")).post("/api/v1/share-requests/" + id + "/decision")
                .then().statusCode(200).extract().path("grantId");
        as(SPECIALIST_HRSS).get("/api/v1/grants/" + grant).then().statusCode(200)
                .body("grant.purposeCode", equalTo(purposeCode)).body("grant.purpose", equalTo(PURPOSE));
        return grant;
    }

    private static io.restassured.response.Response read(String purpose) {
        return as(SYSTEM_HRSS).header("Pdx-Person", enc("人社局张科员")).header("Pdx-Purpose", purpose).get(RECORDS);
    }

    private Map<String, Object> usageEntry(long seq) {
        return sql.one("select * from usage_log where node_id = 'test-node' and seq = ?", rs -> {
            Map<String, Object> m = new HashMap<>();
            for (int c = 1; c <= rs.getMetaData().getColumnCount(); c++) {
                m.put(rs.getMetaData().getColumnName(c).toUpperCase(), rs.getObject(c));
            }
            return m;
        }, seq).orElseThrow();
    }

    /** Signed as the public security bureau's population system (pdx.signing.keys.demo-psb-system). */
    private static io.restassured.specification.RequestSpecification signed(String method, String path, byte[] body) {
        byte[] secret = Base64.getDecoder().decode("ZGVtby1zaWduaW5nLXBzYi1wb3B1bGF0aW9uLXN5c3RlbS0yMDI2");
        String digest = Signature.contentSha256(body);
        String ts = Long.toString(Instant.now().getEpochSecond());
        String nonce = UUID.randomUUID().toString().replace("-", "");
        return given().contentType("application/json").header("Pdx-Person", "declared-person")
                .header("Pdx-Purpose", enc("人口基础信息汇聚")).header(Signature.KEY_ID, "demo-psb-system")
                .header(Signature.TIMESTAMP, ts).header(Signature.NONCE, nonce).header(Signature.CONTENT_SHA256, digest)
                .header(Signature.SIGNATURE, Signature.sign(secret, method, path, ts, nonce, digest)).body(body);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
