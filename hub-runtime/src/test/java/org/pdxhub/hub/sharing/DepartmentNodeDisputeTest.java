package org.pdxhub.hub.sharing;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;
import org.pdxhub.hub.catalog.DepartmentNodeReviewTest;
import org.pdxhub.hub.link.LinkTarget;
import org.pdxhub.hub.link.ParentAnswers;
import org.pdxhub.hub.link.RelayedRequests;
import org.pdxhub.hub.store.Sql;

import java.util.Map;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.pdxhub.hub.sharing.RequestFixtures.*;

/**
 * On a department node whose data agency is at the node above (art. 18): a dispute of a refusal
 * filed here goes up the parent link to the agency; the department whose refusal is disputed
 * does not settle it, nor does anyone else here; the agency's decision comes back and settles it.
 */
@QuarkusTest
@TestProfile(DepartmentNodeReviewTest.MarketRegulatorsNode.class)
class DepartmentNodeDisputeTest {

    @Inject
    RelayedRequests relayed;

    @Inject
    CamelContext camel;

    @Inject
    ObjectMapper json;

    @Inject
    Sql sql;

    @Test
    void aDepartmentCannotSettleADisputeAboutItsOwnRefusal() throws Exception {
        String id = as(SPECIALIST_HRSS).body(conditional(ask(POPULATION, "citizen_id"))).post("/api/v1/share-requests")
                .then().statusCode(201).extract().path("id");
        as(SPECIALIST_PSB).body(Map.of("decision", "REJECT", "reason", "用途不明", "basis", "共享条件第二项"))
                .post("/api/v1/share-requests/" + id + "/decision").then().statusCode(200);
        as(SPECIALIST_HRSS).body(Map.of("reason", "用于社保待遇资格核验，字段已是最少")).post("/api/v1/share-requests/" + id + "/dispute")
                .then().statusCode(200).body("status", equalTo("DISPUTED"));
        String origin = sql.list("select origin_id from agency_review_sent where kind = 'DISPUTE' and request_id = ?",
                rs -> rs.getString(1), id).get(0);

        // The refusing department does not settle the dispute of its refusal; an agency key held here does not either.
        as(SPECIALIST_PSB).body(Map.of("decision", "APPROVE")).post("/api/v1/share-requests/" + id + "/decision").then().statusCode(403);
        as(REVIEWER).body(Map.of("decision", "APPROVE", "reason", "本地裁决")).post("/api/v1/share-requests/" + id + "/decision")
                .then().statusCode(403).body("type", containsString("request.decided-at-agency-node"));
        as(SPECIALIST_HRSS).get("/api/v1/relayed-disputes/sent").then().statusCode(200)
                .body("find { it.origin == '" + origin + "' }.requestId", equalTo(id));

        // The agency decides at its node; its decision comes down the parent link and settles the request here.
        relayed.receive(answer(origin, Map.of("status", "APPROVED", "decision", "APPROVE", "reason", "用途属实，字段最少")), parent());
        as(SPECIALIST_HRSS).get("/api/v1/share-requests/" + id).then().body("status", equalTo("APPROVED"));
    }

    private Exchange answer(String origin, Map<String, Object> decision) {
        return ParentAnswers.answer(camel, json, origin, decision);
    }

    private static LinkTarget parent() {
        return ParentAnswers.parent(AGENCY);
    }
}
