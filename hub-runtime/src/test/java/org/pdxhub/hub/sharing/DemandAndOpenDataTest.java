package org.pdxhub.hub.sharing;

import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.pdxhub.hub.audit.UsageLog;
import org.pdxhub.hub.exchange.Datasets;
import org.pdxhub.hub.store.Sql;
import org.pdxhub.hub.testing.MovableClock;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.pdxhub.hub.sharing.RequestFixtures.*;

/** Demands for uncatalogued data (art. 21, 27), open data without a key and conditional open applications (art. 26). */
@QuarkusTest
class DemandAndOpenDataTest {

    static final String OWNER = "卓嘎";

    @Inject
    Sql sql;

    @Inject
    Datasets datasets;

    @Inject
    UsageLog usageLog;

    MovableClock clock;

    @BeforeEach
    void fixTheClock() {
        clock = new MovableClock(LocalDate.parse("2026-09-30"));
        QuarkusMock.installMockForType(clock, Clock.class);
    }

    @Test
    void aDemandWaitsFiveWorkingDaysForTheNamedProviderWhoResponds() {
        String id = as(SPECIALIST_HRSS).body(Map.of("provider", SAMR, "description", "个体工商户经营者社保缴费意向",
                        "fields", List.of("经营者姓名", "经营状态"), "purpose", "灵活就业人员参保动员"))
                .post("/api/v1/demand-requests").then().statusCode(201)
                .body("kind", equalTo("DEMAND")).body("status", equalTo("SUBMITTED")).body("dueBy", equalTo("2026-10-13"))
                .body("routedToAgency", equalTo(false))
                .body("waitingFor.organisation", equalTo(SAMR)).body("waitingFor.role", equalTo("SPECIALIST"))
                .extract().path("id");
        as(SPECIALIST_SAMR).get("/api/v1/demand-requests?queue=provider").then().body("id", hasItem(id));
        as(SPECIALIST_SAMR).body(Map.of("decision", "APPROVE", "reason", "将于下月编目为 GZ-SAMR-IND-001"))
                .post("/api/v1/demand-requests/" + id + "/response").then().statusCode(200)
                .body("status", equalTo("APPROVED")).body("decisionReason", containsString("编目"));
    }

    @Test
    void aDemandAcrossLevelsAndRegionsIsRoutedToTheAgencyReviewer() {
        String id = as(SPECIALIST_PSB).body(Map.of("provider", KANGDING, "description", "康定市流动人口登记", "purpose", "人口服务管理"))
                .post("/api/v1/demand-requests").then().statusCode(201)
                .body("routedToAgency", equalTo(true)).body("routingNote", containsString("crosses levels"))
                .body("waitingFor.organisation", equalTo(AGENCY)).body("waitingFor.role", equalTo("REVIEWER"))
                .extract().path("id");
        var before = snapshot(sql);
        as(SPECIALIST_HRSS).body(Map.of("decision", "APPROVE")).post("/api/v1/demand-requests/" + id + "/response").then().statusCode(403)
                .body("type", equalTo("urn:pdx:problem:request.not-party"));
        assertEquals(before, snapshot(sql));
        as(REVIEWER).body(Map.of("decision", "REJECT", "reason", "康定市未采集该数据", "basis", "康定市数据局复函"))
                .post("/api/v1/demand-requests/" + id + "/response").then().statusCode(200).body("status", equalTo("REJECTED"));
    }

    @Test
    void anyoneListsAndDownloadsUnconditionallyOpenDataMaskedAndLoggedWithoutAKey() {
        land(ENTITIES, "91513300MA62A0A0XB", "91513300MA62A0B0X1");
        anyone().get("/api/v1/open/resources").then().statusCode(200)
                .body("code", hasItem(ENTITIES)).body("code", not(hasItem(POPULATION)))
                .body("openType", everyItem(equalTo("UNCONDITIONAL")));
        anyone().get("/api/v1/open/resources/" + ENTITIES + "/data?limit=1000").then().statusCode(200)
                .body("count", greaterThan(0))
                .body("records.find { it.entity_name == '甘孜测试商贸有限公司' }", notNullValue())
                .body("records.legal_representative", not(hasItem(OWNER)))
                .body("records.find { it.entity_name == '甘孜测试商贸有限公司' }.legal_representative", nullValue());
        var entry = usageLog.query(new UsageLog.Query(ENTITIES, null, "public", null, null, 1)).get(0);
        assertEquals("OPEN", entry.destination());
        assertEquals("open data download", entry.purpose());

        // HTTP header values are Latin-1 on the wire: ASCII here, so that the log shows them as sent.
        anyone().header("Pdx-Person", "researcher Li").header("Pdx-Purpose", "business climate study")
                .get("/api/v1/open/resources/" + ENTITIES + "/data").then().statusCode(200);
        assertEquals("business climate study", usageLog.query(new UsageLog.Query(ENTITIES, null, "researcher Li", null, null, 1)).get(0).purpose());
    }

    @Test
    void dataThatIsNotOpenIsRefusedByTheGate() {
        anyone().get("/api/v1/open/resources/" + POPULATION + "/data").then().statusCode(403)
                .contentType("application/problem+json").body("rule", equalTo("open.not-open"));
    }

    @Test
    void aConditionalOpenApplicationApprovedByTheProviderYieldsAGrantAndTheDownloadThenNeedsTheKey() {
        String code = "T-REQ-OPENC-001";
        publishMarketResource(code, "UNCONDITIONAL", "CONDITIONAL");
        land(code, "91513300MA62A0C0XN");
        anyone().get("/api/v1/open/resources?openType=CONDITIONAL").then().body("code", hasItem(code));

        String id = as(SYSTEM_HRSS).body(Map.of("resource", code, "fields", List.of("uscc", "licence_no"), "purpose", "信用评估",
                        "scenario", "灵活就业人员参保信用核查"))
                .post("/api/v1/open-applications").then().statusCode(201)
                .body("status", equalTo("SUBMITTED")).body("dueBy", equalTo("2026-10-13"))
                .body("waitingFor.organisation", equalTo(SAMR))
                .extract().path("id");
        anyone().get("/api/v1/open/resources/" + code + "/data").then().statusCode(401).body("type", equalTo("urn:pdx:problem:open.key-required"));
        as(SYSTEM_HRSS).get("/api/v1/open/resources/" + code + "/data").then().statusCode(403).body("rule", equalTo("grant.missing"));

        String grant = as(SPECIALIST_SAMR).body(Map.of("decision", "APPROVE")).post("/api/v1/open-applications/" + id + "/decision")
                .then().statusCode(200).body("status", equalTo("APPROVED")).extract().path("grantId");
        as(SYSTEM_HRSS).get("/api/v1/grants/" + grant).then().body("grant.source", equalTo("OPEN_APPLICATION"))
                .body("grant.fields", equalTo(List.of("uscc", "licence_no")));
        // Read for the purpose the application stated and the provider approved (art. 19).
        as(SYSTEM_HRSS).header("Pdx-Purpose", URLEncoder.encode("信用评估", StandardCharsets.UTF_8))
                .get("/api/v1/open/resources/" + code + "/data").then().statusCode(200)
                .body("grant", equalTo(grant)).body("count", equalTo(1))
                .body("records[0].keySet()", equalTo(java.util.Set.of("uscc", "licence_no")));
        // An open-data grant is not a share grant: the shared read, masked for sharing, stays closed.
        as(SYSTEM_HRSS).header("Pdx-Person", "p").header("Pdx-Purpose", "q").get("/api/v1/exchange/" + code + "/records")
                .then().statusCode(403).body("rule", equalTo("grant.missing"));
    }

    @Test
    void anUnconditionallyOpenResourceNeedsNoApplication() {
        var before = snapshot(sql);
        as(SYSTEM_HRSS).body(Map.of("resource", ENTITIES, "fields", List.of("uscc"), "purpose", "x"))
                .post("/api/v1/open-applications").then().statusCode(400).body("type", equalTo("urn:pdx:problem:open-without-conditions"));
        assertEquals(before, snapshot(sql));
    }

    @Test
    void thePublicAsksForDataNotYetOpenWithoutAKeyAndFollowsItsDemand() {
        String id = anyone().body(Map.of("name", "王先生", "contact", "wang@example.org", "description", "各县旅游景区每日游客量", "purpose", "旅游规划"))
                .post("/api/v1/open/demands").then().statusCode(201)
                .body("status", equalTo("SUBMITTED")).body("dueBy", equalTo("2026-10-13")).body("routedToAgency", equalTo(true))
                .extract().path("id");
        anyone().get("/api/v1/open/demands/" + id).then().statusCode(200).body("status", equalTo("SUBMITTED")).body("$", not(hasKey("contact")));
        // The id is all it takes to follow the demand: wholly random, unlike the node's time-ordered ids.
        assertEquals(4, java.util.UUID.fromString(id.substring("PD-".length())).version(), id);
        as(REVIEWER).get("/api/v1/demand-requests?queue=reviewer").then().body("id", hasItem(id));

        String toProvider = anyone().body(Map.of("description", "法人单位许可证明细", "resource", "T-REQ-OPENC-002-MISSING"))
                .post("/api/v1/open/demands").then().statusCode(400).body("field", equalTo("resource")).extract().path("id");
        assertEquals(null, toProvider);
        anyone().body(Map.of("description", "人口年龄结构统计", "resource", POPULATION)).post("/api/v1/open/demands").then().statusCode(201)
                .body("routedToAgency", equalTo(false));
        as(SPECIALIST_PSB).get("/api/v1/demand-requests?queue=provider").then().body("kind", hasItem("PUBLIC_DEMAND"));
    }

    /** Records sent up by the market regulator's specialist and landed in the node's dataset. */
    private void land(String code, String... usccs) {
        long before = datasets.count(code);
        List<Map<String, Object>> records = new java.util.ArrayList<>();
        for (String uscc : usccs) {
            records.add(code.equals(ENTITIES)
                    ? Map.of("uscc", uscc, "entity_name", "甘孜测试商贸有限公司", "legal_representative", OWNER, "business_status", "存续")
                    : Map.of("uscc", uscc, "licence_no", "JY1513300" + uscc.substring(10), "owner_name", OWNER));
        }
        as(SPECIALIST_SAMR).header("Pdx-Person", "市场监管局数据专员").header("Pdx-Purpose", "法人库汇聚").body(records)
                .post("/api/v1/exchange/" + code + "/records").then().statusCode(202).body("accepted", equalTo(usccs.length));
        await().atMost(Duration.ofSeconds(10)).until(() -> datasets.count(code) >= before + usccs.length);
    }
}
