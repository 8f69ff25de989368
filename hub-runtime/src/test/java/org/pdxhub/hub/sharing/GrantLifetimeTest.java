package org.pdxhub.hub.sharing;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.jms.ConnectionFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.pdxhub.hub.exchange.Datasets;
import org.pdxhub.hub.store.Sql;
import org.pdxhub.hub.testing.MovableClock;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pdxhub.hub.sharing.RequestFixtures.*;

/** A grant stops authorising at its end; an emergency grant's end leads to a sealing record (art. 38). */
@QuarkusTest
class GrantLifetimeTest {

    @Inject
    Grants grants;

    @Inject
    EmergencyGrants emergencies;

    @Inject
    Datasets datasets;

    @Inject
    Sql sql;

    @Inject
    ConnectionFactory connectionFactory;

    @Inject
    ObjectMapper json;

    MovableClock clock;

    @BeforeEach
    void fixTheClock() {
        clock = new MovableClock(LocalDate.now());
        clock.set(Instant.now().truncatedTo(ChronoUnit.SECONDS));
        QuarkusMock.installMockForType(clock, Clock.class);
    }

    @Test
    void aGrantPastItsEndStopsAuthorisingAtOnce() {
        Grant g = grants.issue(SAMR, "GZ-HRSS-SI-001", Set.of("citizen_id"), Set.of(), "资格核验",
                clock.instant().minusSeconds(5), clock.instant().plusSeconds(3), GrantSource.SHARE_REQUEST, "SR-test", null, null, "test");
        String purpose = URLEncoder.encode("资格核验", StandardCharsets.UTF_8); // the approved text, as a header carries it
        as(SPECIALIST_SAMR).header("Pdx-Person", "p").header("Pdx-Purpose", purpose).get("/api/v1/exchange/GZ-HRSS-SI-001/records")
                .then().statusCode(200).body("grant", equalTo(g.id()));
        // The gate judges the end by the node's clock, the one requests and deadlines read, not by wall time.
        clock.set(g.validTo());
        as(SPECIALIST_SAMR).header("Pdx-Person", "p").header("Pdx-Purpose", purpose).get("/api/v1/exchange/GZ-HRSS-SI-001/records")
                .then().statusCode(403).body("rule", equalTo("grant.expired"));
        as(SPECIALIST_SAMR).get("/api/v1/grants/" + g.id()).then().body("state", equalTo("EXPIRED"));
    }

    @Test
    void whenAnEmergencyGrantEndsTheReadsUnderItAreRecordedForDeletionOrSealingAndTheHolderIsTold() throws Exception {
        landPopulation("513321199001010019");
        Instant end = Instant.now().plus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS);
        String id = as(REVIEWER).body(emergency(end)).post("/api/v1/grants/emergency").then().statusCode(201)
                .body("grant.source", equalTo("EMERGENCY")).body("grant.emergencyScope", equalTo("泸定县受灾乡镇常住人口"))
                .body("grant.emergencyMethod", equalTo("经平台接口按需查询")).body("state", equalTo("LIVE"))
                .extract().path("grant.id");
        int seq = as(SPECIALIST_SAMR).header("Pdx-Person", "应急指挥部联络员").header("Pdx-Purpose", URLEncoder.encode("地震受灾群众安置", StandardCharsets.UTF_8))
                .get("/api/v1/exchange/" + POPULATION + "/records").then().statusCode(200)
                .body("grant", equalTo(id)).body("count", greaterThan(0)).extract().path("usageLogSeq");

        as(SPECIALIST_SAMR).get("/api/v1/grants/" + id + "/sealing").then().statusCode(404);
        clock.set(end.plusSeconds(60));
        emergencies.sealEnded();

        as(SPECIALIST_SAMR).get("/api/v1/grants/" + id + "/sealing").then().statusCode(200)
                .body("holder", equalTo(SAMR)).body("resource", equalTo(POPULATION))
                .body("reads", equalTo(1)).body("usageSeqs", equalTo(List.of(seq)));
        assertEquals(1, sql.count("select count(*) from grant_record where id = ? and expired_handled_at is not null", id));
        await().atMost(Duration.ofSeconds(10)).until(() -> notifications(connectionFactory, json).stream()
                .anyMatch(n -> id.equals(n.get("requestId")) && "EMERGENCY_DATA_SEAL".equals(n.get("kind"))));
        assertTrue(emergencies.sealEnded().stream().noneMatch(s -> s.grantId().equals(id)), "dealt with once");
    }

    @Test
    void anEmergencyGrantStatesItsPurposeScopeMethodAndPeriodAndComesFromTheAgency() {
        var before = snapshot(sql);
        Map<String, Object> noScope = emergency(Instant.now().plus(Duration.ofHours(1)));
        noScope.remove("scope");
        as(REVIEWER).body(noScope).post("/api/v1/grants/emergency").then().statusCode(400).body("field", equalTo("scope"));
        Map<String, Object> noEnd = emergency(Instant.now().plus(Duration.ofHours(1)));
        noEnd.remove("validTo");
        as(REVIEWER).body(noEnd).post("/api/v1/grants/emergency").then().statusCode(400).body("field", equalTo("validTo"));
        as(SPECIALIST_PSB).body(emergency(Instant.now().plus(Duration.ofHours(1)))).post("/api/v1/grants/emergency").then().statusCode(403);
        assertEquals(before, snapshot(sql));
    }

    private static Map<String, Object> emergency(Instant end) {
        Map<String, Object> m = new HashMap<>();
        m.put("holder", SAMR);
        m.put("resource", POPULATION);
        m.put("fields", List.of("citizen_id", "person_name"));
        m.put("purpose", "地震受灾群众安置");
        m.put("scope", "泸定县受灾乡镇常住人口");
        m.put("method", "经平台接口按需查询");
        m.put("validTo", end.toString());
        return m;
    }

    private void landPopulation(String citizenId) {
        long before = datasets.count(POPULATION);
        as(SYSTEM_PSB).header("Pdx-Person", "公安局人口系统").header("Pdx-Purpose", "人口基础信息汇聚")
                .body(List.of(Map.of("citizen_id", citizenId, "person_name", "次仁")))
                .post("/api/v1/exchange/" + POPULATION + "/records").then().statusCode(202).body("accepted", equalTo(1));
        await().atMost(Duration.ofSeconds(10)).until(() -> datasets.count(POPULATION) > before);
    }
}
