package org.pdxhub.hub.signing;

import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.pdxhub.hub.store.Sql;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pdxhub.hub.signing.SignedCalls.POPULATION;
import static org.pdxhub.hub.signing.SignedCalls.RECORDS;
import static org.pdxhub.hub.signing.SignedCalls.json;
import static org.pdxhub.hub.signing.SignedCalls.nonce;
import static org.pdxhub.hub.signing.SignedCalls.signed;
import static org.pdxhub.hub.testing.DemoKeys.PSB;

/** Signed requests in: what a signature proves, and each way a request that is not proven is refused. */
@QuarkusTest
public class SignedRequestsTest {

    @Inject
    Sql sql;

    static Map<String, Object> person(String id, String name) {
        return Map.of("citizen_id", id, "person_name", name, "mobile", "13987654321");
    }

    @Test
    void aSignedPostWithTheDepartmentKeyIsAcceptedAndLandsAsTheDepartment() {
        byte[] body = json(List.of(person("513301199003030018", "邓珠")));
        long logged = loggedFor(PSB);

        signed("POST", RECORDS, body).when().post(RECORDS)
                .then().statusCode(202)
                .body("accepted", equalTo(1));

        await().atMost(Duration.ofSeconds(10)).until(() -> landed("邓").size() == 1);
        assertEquals(PSB, landed("邓").get(0), "landed as the key's organisation, like a Bearer call");
        assertTrue(loggedFor(PSB) > logged, "the use is logged for the key's organisation");
    }

    @Test
    void aRequestWithOnlySomeSignatureHeadersIsRefusedNamingTheMissingOnes() {
        given().contentType("application/json").header(Signature.KEY_ID, SignedCalls.PSB_KEY).header(Signature.SIGNATURE, "AAAA")
                .body("[]").when().post(RECORDS)
                .then().statusCode(401)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:pdx:problem:signing.headers-incomplete"))
                .body("field", equalTo(Signature.TIMESTAMP))
                .body("detail", allOf(containsString("Pdx-Timestamp"), containsString("Pdx-Nonce"), containsString("Pdx-Content-SHA256")));
    }

    @Test
    void aWrongSignatureIsRefusedShowingWhatShouldHaveBeenSigned() {
        byte[] body = json(List.of(person("513301199104040020", "泽仁")));
        signed("POST", RECORDS, body, Instant.now().getEpochSecond(), nonce(),
                Map.of(Signature.SIGNATURE, "c2lnbmVkIHdpdGggdGhlIHdyb25nIHNlY3JldA=="))
                .when().post(RECORDS)
                .then().statusCode(401)
                .body("type", equalTo("urn:pdx:problem:signing.signature-mismatch"))
                .body("field", equalTo(Signature.SIGNATURE))
                .body("detail", containsString("POST\\n" + RECORDS + "\\n"));
        assertTrue(landed("泽").isEmpty());
    }

    @Test
    void aBodyChangedAfterSigningIsRefusedAndNothingLands() {
        byte[] signedBody = json(List.of(person("513301199205050033", "洛绒")));
        byte[] sentBody = json(List.of(person("513301199205050033", "洛绒"), person("513301199306060046", "洛绒")));
        signed("POST", RECORDS, signedBody).body(sentBody)
                .when().post(RECORDS)
                .then().statusCode(401)
                .body("type", equalTo("urn:pdx:problem:signing.body-digest-mismatch"))
                .body("field", equalTo(Signature.CONTENT_SHA256))
                .body("detail", containsString(Signature.contentSha256(sentBody)));
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(2)).until(() -> landed("洛").isEmpty());
    }

    @Test
    void aReplayedRequestIsRefused() {
        byte[] body = json(List.of());
        long now = Instant.now().getEpochSecond();
        String nonce = nonce();
        signed("POST", RECORDS, body, now, nonce).when().post(RECORDS).then().statusCode(202);

        signed("POST", RECORDS, body, now, nonce).when().post(RECORDS)
                .then().statusCode(401)
                .body("type", equalTo("urn:pdx:problem:signing.nonce-replayed"))
                .body("field", equalTo(Signature.NONCE));
    }

    @Test
    void aTimestampOutsideTheWindowIsRefusedSayingTheSkewAndTheWindow() {
        // The node's clock held still: read twice, a second could pass between the signing and the check (601 s behind).
        Instant nodeTime = Instant.now();
        QuarkusMock.installMockForType(Clock.fixed(nodeTime, ZoneOffset.UTC), Clock.class);
        long tenMinutesAgo = nodeTime.minusSeconds(600).getEpochSecond();
        signed("POST", RECORDS, json(List.of()), tenMinutesAgo, nonce()).when().post(RECORDS)
                .then().statusCode(401)
                .body("type", equalTo("urn:pdx:problem:signing.timestamp-outside-window"))
                .body("detail", allOf(containsString("600 s behind"), containsString("±300 s")));
    }

    @Test
    void theWindowIsJudgedByTheNodesClock() {
        Instant nodeTime = Instant.now().plusSeconds(3600);
        QuarkusMock.installMockForType(Clock.fixed(nodeTime, ZoneOffset.UTC), Clock.class);
        signed("POST", RECORDS, json(List.of())).when().post(RECORDS)
                .then().statusCode(401)
                .body("type", equalTo("urn:pdx:problem:signing.timestamp-outside-window"))
                .body("detail", containsString("behind this node's clock (" + nodeTime.getEpochSecond()));

        signed("POST", RECORDS, json(List.of()), nodeTime.getEpochSecond() - 200, nonce()).when().post(RECORDS)
                .then().statusCode(202);
    }

    @Test
    void anUnknownKeyIdIsRefused() {
        signed("POST", RECORDS, json(List.of()), Instant.now().getEpochSecond(), nonce(), Map.of(Signature.KEY_ID, "no-such-key"))
                .when().post(RECORDS)
                .then().statusCode(401)
                .body("type", equalTo("urn:pdx:problem:signing.key-unknown"))
                .body("field", equalTo(Signature.KEY_ID));
    }

    @Test
    void aSignedKeyActsOnlyWithItsRoles() {
        signed("GET", "/api/v1/usage-log/verify", new byte[0]).when().get("/api/v1/usage-log/verify")
                .then().statusCode(403);
    }

    @Test
    void aBearerCallIsUnchanged() {
        given().header("Authorization", "Bearer demo-system").when().get("/api/v1/node").then().statusCode(200);
    }

    @Test
    void aRepeatedSignatureHeaderIsRefused() {
        var request = signed("POST", RECORDS, json(List.of()));
        request.header(Signature.SIGNATURE, "c2Vjb25kIHNpZ25hdHVyZQ==").when().post(RECORDS)
                .then().statusCode(401)
                .body("type", equalTo("urn:pdx:problem:signing.headers-repeated"))
                .body("field", equalTo(Signature.SIGNATURE));
    }

    @Test
    void aSignedMultipartBodyIsRefusedUntilItCanBeDigested() {
        String documents = "/api/v1/exchange/" + POPULATION + "/documents";
        byte[] body = "--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.txt\"\r\n\r\nhello\r\n--b--\r\n"
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        signed("POST", documents, body).contentType("multipart/form-data; boundary=b").when().post(documents)
                .then().statusCode(415)
                .body("type", equalTo("urn:pdx:problem:signing.multipart-unsupported"));
    }

    private long loggedFor(String organisation) {
        return sql.count("select count(*) from usage_log where resource_code = ? and organisation = ?", POPULATION, organisation);
    }

    /** Organisations of the landed records whose masked name starts with this character. */
    private List<String> landed(String firstChar) {
        return sql.list("select source_org, payload from dataset_record where resource_code = ?",
                        rs -> rs.getString(2).contains(firstChar) ? rs.getString(1) : null, POPULATION)
                .stream().filter(o -> o != null).toList();
    }
}
