package org.pdxhub.hub.sharing;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.pdxhub.hub.link.ChildRequests;
import org.pdxhub.hub.link.LinkTarget;
import org.pdxhub.hub.link.RelayedRequests;
import org.pdxhub.hub.store.Sql;
import org.pdxhub.hub.testing.MovableClock;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pdxhub.hub.sharing.RequestFixtures.*;

/**
 * A cross-level request is disputable where the data is held (art. 18): the dispute comes up the
 * link the request came by, is decided by this node's agency, and the answers go back down.
 */
@QuarkusTest
class RelayedDisputeTest {

    @Inject
    RelayedRequests relayed;

    @Inject
    CamelContext camel;

    @Inject
    ObjectMapper json;

    @Inject
    Sql sql;

    MovableClock clock;

    @BeforeEach
    void fixTheClock() {
        clock = new MovableClock(LocalDate.parse("2026-11-02"));
        QuarkusMock.installMockForType(clock, Clock.class);
    }

    @Test
    void aRelayedRequestIsDisputedAtTheNodeThatHoldsTheData() throws Exception {
        LinkTarget kangding = child("kangding");
        String origin = RelayedRequests.PREFIX + UUID.randomUUID();
        // Kangding's data bureau asked for the population resource through its county node.
        relayed.receive(message("REQUEST", origin, json.writeValueAsBytes(conditional(ask(POPULATION, "citizen_id")))), kangding);
        String local = sql.one("select local_request_id from relayed_request where origin_id = ?", rs -> rs.getString(1), origin).orElseThrow();
        as(SPECIALIST_PSB).body(Map.of("decision", "REJECT", "reason", "县级用途不明", "basis", "共享条件"))
                .post("/api/v1/share-requests/" + local + "/decision").then().statusCode(200);

        // A dispute over another link, which the request did not come by, is not taken.
        relayed.receive(message("DISPUTE", origin, json.writeValueAsBytes(Map.of("reason", "forged"))), child("elsewhere"));
        as(REVIEWER).get("/api/v1/share-requests/" + local).then().body("status", equalTo("REJECTED"));

        relayed.receive(message("DISPUTE", origin, json.writeValueAsBytes(Map.of("reason", "用于县级低保资格核验，有据可查"))), kangding);
        as(REVIEWER).get("/api/v1/share-requests/" + local).then().body("status", equalTo("DISPUTED"))
                .body("waitingFor.organisation", equalTo(AGENCY)).body("waitingFor.role", equalTo("REVIEWER"))
                .body("disputeReason", equalTo("用于县级低保资格核验，有据可查"));
        assertTrue(answer(origin).contains("\"status\":\"DISPUTED\""), "the origin is told the dispute was filed");

        // The provider does not settle it; this node's agency does, and the answer goes back down.
        as(SPECIALIST_PSB).body(Map.of("decision", "APPROVE")).post("/api/v1/share-requests/" + local + "/decision").then().statusCode(403);
        as(REVIEWER).body(Map.of("decision", "APPROVE", "reason", "用途属实")).post("/api/v1/share-requests/" + local + "/decision")
                .then().statusCode(200).body("status", equalTo("APPROVED"));
        assertEquals("APPROVED", sql.one("select status from relayed_request where origin_id = ?", rs -> rs.getString(1), origin).orElseThrow());
        assertTrue(answer(origin).contains("\"disputeDecision\":\"APPROVE\""), answer(origin));
    }

    private String answer(String origin) {
        return sql.one("select answer from relayed_request where origin_id = ?", rs -> rs.getString(1), origin).orElseThrow();
    }

    private Exchange message(String kind, String origin, byte[] body) {
        return ChildRequests.message(camel, kind, origin, POPULATION, body);
    }

    private static LinkTarget child(String id) {
        return ChildRequests.child(id);
    }
}
