package org.pdxhub.hub.sharing;

import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.pdxhub.hub.store.Sql;
import org.pdxhub.hub.testing.MovableClock;

import java.time.Clock;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pdxhub.hub.sharing.RequestFixtures.*;

/** Open applications (开放申请, art. 26): a natural person applies without a key; disputes are decided by the agency. */
@QuarkusTest
class PersonApplicationsTest {

    private static final String ID_NUMBER = "513321199001010019";

    @Inject
    Sql sql;

    MovableClock clock;

    @BeforeEach
    void fixTheClock() {
        clock = new MovableClock(LocalDate.parse("2026-11-02"));
        QuarkusMock.installMockForType(clock, Clock.class);
    }

    @Test
    void aNaturalPersonAppliesForConditionalOpenDataAndFollowsItByToken() {
        String code = "T-REQ-PERSON-001";
        publishMarketResource(code, "UNCONDITIONAL", "CONDITIONAL");
        var before = snapshot(sql);
        Map<String, Object> bad = person(code);
        bad.put("idNumber", "513321199001010018");
        anyone().body(bad).post("/api/v1/open/applications").then().statusCode(400).body("field", equalTo("idNumber"));
        bad = person(code);
        bad.remove("contact");
        anyone().body(bad).post("/api/v1/open/applications").then().statusCode(400).body("field", equalTo("contact"));
        assertEquals(before, snapshot(sql));

        var filed = anyone().body(person(code)).post("/api/v1/open/applications").then().statusCode(201)
                .body("status", equalTo("SUBMITTED")).body("identityVerified", equalTo(false))
                .body("idNumber", equalTo("513321********0019")).body("token", notNullValue()).extract();
        String token = filed.path("token");
        String id = filed.path("id");
        // The ID number is nowhere in the store in clear.
        assertFalse(snapshot(sql).toString().contains(ID_NUMBER), "the ID number is kept masked only");
        assertEquals(0, sql.count("select count(*) from data_request where person_token_hash = ?", token), "the token is kept as a digest");

        anyone().get("/api/v1/open/applications/" + token).then().statusCode(200).body("id", equalTo(id))
                .body("token", nullValue()).body("status", equalTo("SUBMITTED"));
        anyone().get("/api/v1/open/applications/not-" + token).then().statusCode(404);

        // The identity comes first, confirmed by the agency; the provider cannot approve before.
        as(SPECIALIST_SAMR).body(Map.of("decision", "APPROVE")).post("/api/v1/open-applications/" + id + "/decision").then().statusCode(403);
        as(SPECIALIST_SAMR).body(Map.of("means", "x")).post("/api/v1/open-applications/" + id + "/identity").then().statusCode(403)
                .body("type", equalTo("urn:pdx:problem:agency.reviewer-required"));
        as(REVIEWER).body(Map.of()).post("/api/v1/open-applications/" + id + "/identity").then().statusCode(400).body("field", equalTo("means"));
        as(REVIEWER).body(Map.of("means", "政务服务大厅核验身份证原件")).post("/api/v1/open-applications/" + id + "/identity").then()
                .statusCode(200).body("waitingFor.organisation", equalTo(SAMR)).body("dueBy", equalTo("2026-11-09"));
        anyone().get("/api/v1/open/applications/" + token).then().body("identityVerified", equalTo(true)).body("dueBy", equalTo("2026-11-09"));

        as(SPECIALIST_SAMR).body(Map.of("decision", "APPROVE")).post("/api/v1/open-applications/" + id + "/decision").then().statusCode(200)
                .body("status", equalTo("APPROVED"));
        anyone().get("/api/v1/open/applications/" + token).then().body("status", equalTo("APPROVED")).body("decision", equalTo("APPROVE"));
    }

    @Test
    void anOpenApplicationDisputeIsDecidedByTheAgency() {
        String code = "T-REQ-PERSON-002";
        publishMarketResource(code, "UNCONDITIONAL", "CONDITIONAL");
        Map<String, Object> refusal = Map.of("decision", "REJECT", "reason", "用途与开放条件不符", "basis", "开放条件：仅用于信用评估");

        // An organisation's application, refused by the provider, disputed: the agency's reviewer decides, not the provider.
        String id = as(SYSTEM_HRSS).body(Map.of("resource", code, "fields", List.of("uscc"), "purpose", "信用评估"))
                .post("/api/v1/open-applications").then().statusCode(201).extract().path("id");
        as(SPECIALIST_SAMR).body(refusal).post("/api/v1/open-applications/" + id + "/decision").then().statusCode(200)
                .body("status", equalTo("REJECTED"));
        as(SPECIALIST_HRSS).body(Map.of("reason", "用途即为信用评估")).post("/api/v1/open-applications/" + id + "/dispute").then()
                .statusCode(200).body("status", equalTo("DISPUTED")).body("waitingFor.organisation", equalTo(AGENCY))
                .body("waitingFor.role", equalTo("REVIEWER"));
        as(SPECIALIST_SAMR).body(Map.of("decision", "APPROVE")).post("/api/v1/open-applications/" + id + "/decision").then().statusCode(403);
        as(REVIEWER).body(Map.of("decision", "APPROVE", "reason", "用途符合开放条件")).post("/api/v1/open-applications/" + id + "/decision")
                .then().statusCode(200).body("status", equalTo("APPROVED")).body("grantId", notNullValue());

        // A person's application, refused, disputed by token; the agency upholds the refusal and the person reads why.
        var filed = anyone().body(person(code)).post("/api/v1/open/applications").then().statusCode(201).extract();
        String token = filed.path("token");
        String pid = filed.path("id");
        anyone().body(Map.of("reason", "too early")).post("/api/v1/open/applications/" + token + "/dispute").then().statusCode(409);
        as(REVIEWER).body(Map.of("means", "政务服务大厅核验身份证原件")).post("/api/v1/open-applications/" + pid + "/identity").then().statusCode(200);
        as(SPECIALIST_SAMR).body(refusal).post("/api/v1/open-applications/" + pid + "/decision").then().statusCode(200);
        anyone().body(Map.of("reason", "我的用途是信用修复")).post("/api/v1/open/applications/" + token + "/dispute").then().statusCode(200)
                .body("status", equalTo("DISPUTED"));
        as(REVIEWER).body(Map.of("decision", "REJECT", "reason", "信用修复不属开放条件所列用途", "basis", "开放条件"))
                .post("/api/v1/open-applications/" + pid + "/decision").then().statusCode(200).body("status", equalTo("REFUSAL_UPHELD"));
        anyone().get("/api/v1/open/applications/" + token).then().body("status", equalTo("REFUSAL_UPHELD"))
                .body("disputeDecision", equalTo("REJECT")).body("disputeComment", equalTo("信用修复不属开放条件所列用途; basis: 开放条件"));
    }

    @Test
    void filingAPersonsApplicationIsLoggedWithTimePersonAndPurposeButNeitherTheirNameNorTheirIdNumber() {
        String code = "T-REQ-PERSON-003";
        publishMarketResource(code, "UNCONDITIONAL", "CONDITIONAL");
        String id = anyone().body(person(code)).post("/api/v1/open/applications").then().statusCode(201).extract().path("id");

        List<Map<String, String>> rows = sql.list("select * from usage_log where resource_code = ?", rs -> {
            Map<String, String> row = new HashMap<>();
            for (int c = 1; c <= rs.getMetaData().getColumnCount(); c++) {
                row.put(rs.getMetaData().getColumnLabel(c).toLowerCase(), rs.getString(c));
            }
            return row;
        }, code);
        assertEquals(1, rows.size(), rows.toString());
        Map<String, String> entry = rows.get(0);
        assertEquals("REQUESTED", entry.get("decision"));
        assertEquals("natural person 513321********0019", entry.get("person"));
        assertEquals(person(code).get("purpose"), entry.get("purpose"));
        assertEquals("uscc,licence_no", entry.get("fields"));
        assertTrue(entry.get("at") != null && entry.get("detail").contains(id), entry.toString());
        assertFalse(entry.toString().contains("泽仁") || entry.toString().contains(ID_NUMBER) || entry.toString().contains("13800005678"),
                "the usage log holds the person masked only: " + entry);
        as(REVIEWER).get("/api/v1/usage-log/verify").then().statusCode(200).body("intact", equalTo(true));
    }

    private static Map<String, Object> person(String code) {
        Map<String, Object> m = new HashMap<>();
        m.put("name", "泽仁");
        m.put("idNumber", ID_NUMBER);
        m.put("contact", "13800005678");
        m.put("resource", code);
        m.put("fields", List.of("uscc", "licence_no"));
        m.put("purpose", "个体工商户信用修复");
        return m;
    }
}
