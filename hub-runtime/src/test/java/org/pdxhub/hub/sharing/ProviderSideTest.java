package org.pdxhub.hub.sharing;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.jms.ConnectionFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.pdxhub.hub.store.Sql;
import org.pdxhub.hub.testing.MovableClock;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.pdxhub.hub.sharing.RequestFixtures.*;

/** The provider's side of sharing (art. 18, 19, 38): told of every grant on its data, disputes after silence, measures accepted one by one. */
@QuarkusTest
class ProviderSideTest {

    @Inject
    Sql sql;

    @Inject
    Grants grants;

    @Inject
    EmergencyGrants emergencies;

    @Inject
    ConnectionFactory connectionFactory;

    @Inject
    ObjectMapper json;

    MovableClock clock;

    @BeforeEach
    void fixTheClock() {
        clock = new MovableClock(LocalDate.parse("2026-11-02"));
        QuarkusMock.installMockForType(clock, Clock.class);
    }

    @Test
    void theProviderIsToldOfEveryGrantOnItsData() throws Exception {
        // A CONDITIONAL request approved by the provider itself.
        String conditional = as(SPECIALIST_HRSS).body(conditional(ask(POPULATION, "citizen_id"))).post("/api/v1/share-requests")
                .then().statusCode(201).extract().path("id");
        String g1 = as(SPECIALIST_PSB).body(Map.of("decision", "APPROVE")).post("/api/v1/share-requests/" + conditional + "/decision")
                .then().statusCode(200).extract().path("grantId");
        // An UNCONDITIONAL request approved by the agency's formal review: the provider did not act, and is told.
        String unconditional = as(SPECIALIST_PSB).body(ask(ENTITIES, "uscc")).post("/api/v1/share-requests")
                .then().statusCode(201).extract().path("id");
        String g2 = as(REVIEWER).body(Map.of("decision", "APPROVE")).post("/api/v1/share-requests/" + unconditional + "/decision")
                .then().statusCode(200).extract().path("grantId");
        // An emergency grant by the agency.
        Map<String, Object> e = new HashMap<>(Map.of("holder", SAMR, "resource", POPULATION, "fields", List.of("citizen_id"),
                "purpose", "地震受灾群众安置", "scope", "泸定县受灾乡镇", "method", "接口查询",
                "validTo", Instant.now(clock).plus(Duration.ofDays(3)).toString()));
        String g3 = as(REVIEWER).body(e).post("/api/v1/grants/emergency").then().statusCode(201).extract().path("grant.id");

        await().atMost(Duration.ofSeconds(10)).until(() -> {
            List<Map<String, Object>> all = notifications(connectionFactory, json);
            return told(all, "GRANT_ON_YOUR_DATA", conditional, PSB) && told(all, "GRANT_ON_YOUR_DATA", unconditional, SAMR)
                    && told(all, "APPROVED_ON_YOUR_DATA", unconditional, SAMR) && told(all, "GRANT_ON_YOUR_DATA", g3, PSB);
        });
        // And it sees them: every grant on its resource, whoever holds it.
        as(SPECIALIST_PSB).get("/api/v1/grants?resource=" + POPULATION).then().statusCode(200)
                .body("grant.id", hasItem(g1)).body("grant.id", hasItem(g3));
        as(SPECIALIST_SAMR).get("/api/v1/grants?resource=" + ENTITIES).then().statusCode(200).body("grant.id", hasItem(g2));
        // Not another provider's.
        as(SPECIALIST_HRSS).get("/api/v1/grants?resource=" + POPULATION).then().statusCode(403).body("type", equalTo("urn:pdx:problem:grant.not-provider"));
        as(SPECIALIST_SAMR).get("/api/v1/grants?resource=" + POPULATION).then().statusCode(403);
    }

    @Test
    void aDisputeMayFollowAMissedDeadline() throws Exception {
        String id = as(SPECIALIST_HRSS).body(conditional(ask(POPULATION, "citizen_id"))).post("/api/v1/share-requests")
                .then().statusCode(201).body("dueBy", equalTo("2026-11-09")).extract().path("id");
        // On the due date the provider still has the day.
        clock.set(LocalDate.parse("2026-11-09"));
        as(SPECIALIST_HRSS).body(Map.of("reason", "无答复")).post("/api/v1/share-requests/" + id + "/dispute")
                .then().statusCode(409).body("type", equalTo("urn:pdx:problem:request.no-refusal"));
        // The day after, silence may be disputed; the agency decides it, not the provider that kept silent.
        clock.set(LocalDate.parse("2026-11-10"));
        as(SPECIALIST_HRSS).body(Map.of("reason", "逾期未答复，影响参保登记")).post("/api/v1/share-requests/" + id + "/dispute")
                .then().statusCode(200).body("status", equalTo("DISPUTED"))
                .body("waitingFor.organisation", equalTo(AGENCY)).body("waitingFor.role", equalTo("REVIEWER"))
                .body("steps.action", hasItem("DISPUTED_OVERDUE"));
        as(SPECIALIST_PSB).body(Map.of("decision", "REJECT", "reason", "r", "basis", "b"))
                .post("/api/v1/share-requests/" + id + "/decision").then().statusCode(403);
        as(SPECIALIST_HRSS).body(Map.of("reason", "again")).post("/api/v1/share-requests/" + id + "/dispute").then().statusCode(409);
        as(REVIEWER).body(Map.of("decision", "APPROVE")).post("/api/v1/share-requests/" + id + "/decision")
                .then().statusCode(200).body("status", equalTo("APPROVED")).body("grantId", notNullValue());
        await().atMost(Duration.ofSeconds(10)).until(() -> told(notifications(connectionFactory, json), "APPROVED_ON_YOUR_DATA", id, PSB));
    }

    @Test
    void aCommitmentMustAcceptEachStatedMeasure() {
        as(SPECIALIST_HRSS).get("/api/v1/share-requests/security-measures").then().statusCode(200)
                .body("code", equalTo(MEASURES)).body("text[0]", notNullValue());
        var before = snapshot(sql);
        // A free-text commitment alone is not an acceptance.
        Map<String, Object> body = conditional(ask(POPULATION, "citizen_id"));
        body.remove("acceptedMeasures");
        as(SPECIALIST_HRSS).body(body).post("/api/v1/share-requests").then().statusCode(400)
                .contentType("application/problem+json").body("field", equalTo("acceptedMeasures"));
        // Each one, explicitly.
        List<String> allButOne = new ArrayList<>(MEASURES.subList(0, MEASURES.size() - 1));
        body.put("acceptedMeasures", allButOne);
        as(SPECIALIST_HRSS).body(body).post("/api/v1/share-requests").then().statusCode(400)
                .body("field", equalTo("acceptedMeasures")).body("detail", containsString(MEASURES.get(MEASURES.size() - 1)));
        body.put("acceptedMeasures", List.of("transport", "access-log", "purpose-only", "delete-after-use", "我们会注意安全"));
        as(SPECIALIST_HRSS).body(body).post("/api/v1/share-requests").then().statusCode(400).body("field", equalTo("acceptedMeasures"));
        assertEquals(before, snapshot(sql));

        body.put("acceptedMeasures", MEASURES);
        as(SPECIALIST_HRSS).body(body).post("/api/v1/share-requests").then().statusCode(201)
                .body("acceptedMeasures", equalTo(MEASURES)).body("steps[0].note", containsString("accepted measures"));
    }

    @Test
    void aProviderReadsWhoUsedItsData() {
        clock.set(Instant.now().truncatedTo(ChronoUnit.SECONDS));
        // The market regulator reads the social-insurance resource of HRSS under a grant.
        Grant g = grants.issue(SAMR, "GZ-HRSS-SI-001", Set.of("citizen_id"), Set.of(), "资格核验",
                Instant.now().minusSeconds(5), Instant.now().plus(Duration.ofHours(1)), GrantSource.SHARE_REQUEST, "SR-usage", null, null, "test");
        as(SPECIALIST_SAMR).header("Pdx-Person", "市场监管局窗口").header("Pdx-Purpose", URLEncoder.encode("资格核验", StandardCharsets.UTF_8))
                .get("/api/v1/exchange/GZ-HRSS-SI-001/records").then().statusCode(200).body("grant", equalTo(g.id()));

        // HRSS, the provider, sees who read its resource.
        as(SPECIALIST_HRSS).get("/api/v1/usage-log?resource=GZ-HRSS-SI-001").then().statusCode(200)
                .body("organisation", hasItem(SAMR)).body("grantId", hasItem(g.id()));
        // The public security bureau is not the provider: asking for HRSS's resource shows its own reads only, none of SAMR's.
        as(SPECIALIST_PSB).get("/api/v1/usage-log?resource=GZ-HRSS-SI-001").then().statusCode(200)
                .body("organisation", everyItem(equalTo(PSB))).body("grantId", not(hasItem(g.id())));
        as(SPECIALIST_PSB).get("/api/v1/usage-log?resource=GZ-HRSS-SI-001&organisation=" + SAMR).then().statusCode(403);
        // Without naming its resource, the provider sees its own organisation's entries only, as before.
        as(SPECIALIST_HRSS).get("/api/v1/usage-log").then().statusCode(200).body("organisation", everyItem(equalTo(HRSS)));
    }

    @Test
    void anEmergencyGrantWithoutDeletionConfirmationIsOverdue() {
        clock.set(Instant.now().truncatedTo(ChronoUnit.SECONDS));
        Instant end = Instant.now(clock).plus(Duration.ofHours(1));
        Map<String, Object> e = new HashMap<>(Map.of("holder", SAMR, "resource", POPULATION, "fields", List.of("citizen_id"),
                "purpose", "地震受灾群众安置", "scope", "泸定县受灾乡镇", "method", "接口查询", "validTo", end.toString()));
        String id = as(REVIEWER).body(e).post("/api/v1/grants/emergency").then().statusCode(201).extract().path("grant.id");
        Map<String, Object> sealed = Map.of("action", "SEALED", "statement", "导出文件已加密封存于应急指挥部档案室");
        as(SPECIALIST_SAMR).body(sealed).post("/api/v1/grants/" + id + "/sealing/confirmation").then().statusCode(409)
                .body("type", equalTo("urn:pdx:problem:grant.not-ended"));

        clock.set(end.plusSeconds(60));
        emergencies.sealEnded();
        String due = as(SPECIALIST_SAMR).get("/api/v1/grants/" + id + "/sealing").then().statusCode(200)
                .body("confirmationDueBy", notNullValue()).body("confirmation", nullValue()).extract().path("confirmationDueBy");
        as(REVIEWER).get("/api/v1/grants/emergency/unconfirmed").then().statusCode(200).body("grantId", not(hasItem(id)));

        // The day after the due date, without a confirmation: overdue, listed for the agency.
        clock.set(LocalDate.parse(due).plusDays(1));
        as(REVIEWER).get("/api/v1/grants/emergency/unconfirmed").then().statusCode(200).body("grantId", hasItem(id));
        as(SPECIALIST_SAMR).get("/api/v1/grants/emergency/unconfirmed").then().statusCode(403);

        // Only the holder's SPECIALIST confirms, saying what was done.
        as(SPECIALIST_PSB).body(sealed).post("/api/v1/grants/" + id + "/sealing/confirmation").then().statusCode(403);
        as(SPECIALIST_SAMR).body(Map.of("action", "SEALED")).post("/api/v1/grants/" + id + "/sealing/confirmation").then().statusCode(400)
                .body("field", equalTo("statement"));
        as(SPECIALIST_SAMR).body(sealed).post("/api/v1/grants/" + id + "/sealing/confirmation").then().statusCode(200)
                .body("confirmation.action", equalTo("SEALED")).body("confirmation.by", equalTo(SPECIALIST_SAMR));
        as(SPECIALIST_SAMR).body(sealed).post("/api/v1/grants/" + id + "/sealing/confirmation").then().statusCode(409);
        as(REVIEWER).get("/api/v1/grants/emergency/unconfirmed").then().statusCode(200).body("grantId", not(hasItem(id)));
    }

    private static boolean told(List<Map<String, Object>> all, String kind, String requestId, String organisation) {
        return all.stream().anyMatch(n -> kind.equals(n.get("kind")) && requestId.equals(n.get("requestId"))
                && n.get("actor") instanceof Map<?, ?> a && organisation.equals(a.get("organisation")));
    }
}
