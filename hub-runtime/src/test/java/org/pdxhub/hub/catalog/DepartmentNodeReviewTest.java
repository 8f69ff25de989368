package org.pdxhub.hub.catalog;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;
import org.pdxhub.hub.envelope.Headers;
import org.pdxhub.hub.link.LinkTarget;
import org.pdxhub.hub.link.RelayedRequests;
import org.pdxhub.hub.store.Sql;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.pdxhub.hub.catalog.CatalogFixtures.*;

/**
 * The market regulator's own node, whose data agency (the prefecture's, pdx.node.agency) is at
 * the node above (art. 8): what waits for review is sent up the parent link, nobody here decides
 * it, and the agency's decision that comes back publishes it. The parent link leads back to this
 * node, signed as an organisation this node takes nothing from that way, so what it carries is
 * refused (403): the refusal shows with its reason. Decisions are delivered as the link delivers them.
 */
@QuarkusTest
@TestProfile(DepartmentNodeReviewTest.MarketRegulatorsNode.class)
public class DepartmentNodeReviewTest {

    static final String AGENCY = "11513300MB0000001E";
    static final String ENTITIES = "GZ-SAMR-ENT-001";
    static final String SAMR_REVIEWER = "demo-reviewer-market";
    static final String CATALOG_RESOURCES = "/api/v1/catalog/resources/";

    public static class MarketRegulatorsNode implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.ofEntries(
                    Map.entry("pdx.node.level", "DEPARTMENT"),
                    Map.entry("pdx.node.organisation", SAMR),
                    Map.entry("pdx.node.agency", AGENCY),
                    Map.entry("pdx.node.parent.id", "ganzi-prefecture"),
                    Map.entry("pdx.node.parent.address", "http://127.0.0.1:${quarkus.http.test-port}"),
                    Map.entry("pdx.node.parent.organisation", AGENCY),
                    Map.entry("pdx.signing.peers.ganzi-prefecture.key-id", "demo-psb-system"),
                    Map.entry("pdx.signing.peers.ganzi-prefecture.secret", "base64:ZGVtby1zaWduaW5nLXBzYi1wb3B1bGF0aW9uLXN5c3RlbS0yMDI2"));
        }
    }

    @Inject
    RelayedRequests relayed;

    @Inject
    CamelContext camel;

    @Inject
    ObjectMapper json;

    @Inject
    Sql sql;

    static Map<String, Object> restrictOpening() {
        return Map.of("openType", "CONDITIONAL", "openConditions", "仅向登记的研究机构开放, 限统计分析用途",
                "reason", "法定代表人信息仅有条件开放");
    }

    @Test
    void aDepartmentReviewerCannotApproveAChangeTheAgencyReviewsAtItsNode() {
        as(SPECIALIST_SAMR).body(restrictOpening()).post(CATALOG_RESOURCES + ENTITIES + "/changes").then().statusCode(202)
                .body("status", equalTo("PENDING"));

        // The market regulator's own reviewer is no reviewer of its catalog; nor is an agency key held here.
        as(SAMR_REVIEWER).body(Map.of("decision", "APPROVE", "comment", "本部门自审")).post(CATALOG_RESOURCES + ENTITIES + "/review")
                .then().statusCode(403).body("detail", containsString(AGENCY));
        as(REVIEWER).body(Map.of("decision", "APPROVE", "comment", "本地审核")).post(CATALOG_RESOURCES + ENTITIES + "/review")
                .then().statusCode(403).body("type", containsString("catalog.reviewed-at-agency-node"))
                .body("detail", containsString("/api/v1/catalog-reviews/sent"));
        as(SPECIALIST_SAMR).get(CATALOG_RESOURCES + ENTITIES).then().body("version", equalTo(1)).body("openType", equalTo("UNCONDITIONAL"));

        String origin = origin(ENTITIES);
        assertEquals(1L, sql.count("select count(*) from relayed_request where origin_id = ?", origin), "sent up the links");

        // The agency's node approves; the decision comes down the parent link and publishes here.
        relayed.receive(answer(origin, "APPROVED", "限制开放属实, 同意"), parent());
        as(SPECIALIST_SAMR).get(CATALOG_RESOURCES + ENTITIES).then().body("version", equalTo(2)).body("openType", equalTo("CONDITIONAL"));
        as(SPECIALIST_SAMR).get(CATALOG_RESOURCES + ENTITIES + "/history").then()
                .body("findAll { it.action == 'CHANGE_APPLIED' }.note", hasItem("限制开放属实, 同意"));
    }

    @Test
    void whatTheLinkToTheAgencyRefusesIsShownWithItsReasonAndCanBeSentAgain() {
        String code = "T-DEPT-REFUSED-001";
        create(SPECIALIST_SAMR, draft(code)).statusCode(201);
        as(SPECIALIST_SAMR).post(CATALOG_RESOURCES + code + "/submit").then().statusCode(200).body("status", equalTo("SUBMITTED"));
        String origin = origin(code);

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> as(SPECIALIST_SAMR).get("/api/v1/catalog-reviews/sent").then()
                .statusCode(200)
                .body("find { it.origin == '" + origin + "' }.status", equalTo(RelayedRequests.LINK_REFUSED))
                .body("find { it.origin == '" + origin + "' }.reason", containsString("ganzi-prefecture"))
                .body("find { it.origin == '" + origin + "' }.reason", containsString("403")));
        as(SPECIALIST_SAMR).get(CATALOG_RESOURCES + code).then().body("status", equalTo("SUBMITTED"));

        // Another provider cannot send it again; its own specialist can.
        as(SPECIALIST_HRSS).post("/api/v1/catalog-reviews/sent/" + origin + "/resend").then().statusCode(403);
        as(SPECIALIST_SAMR).post("/api/v1/catalog-reviews/sent/" + origin + "/resend").then().statusCode(200)
                .body("code", equalTo(code)).body("origin", not(equalTo(origin)));

        // The agency returns it: the entry is RETURNED here with the agency's comment.
        String again = origin(code);
        relayed.receive(answer(again, "RETURNED", "请补充数据项的权威来源"), parent());
        as(SPECIALIST_SAMR).get(CATALOG_RESOURCES + code).then().body("status", equalTo("RETURNED"));
    }

    /** The newest relayed request that carries the review of {@code code}. */
    private String origin(String code) {
        return sql.list("select origin_id from agency_review_sent where resource_code = ? order by sent_at desc",
                rs -> rs.getString(1), code).get(0);
    }

    private Exchange answer(String origin, String status, String reason) {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("status", status);
        a.put("heldAt", "ganzi-prefecture");
        a.put("decision", status.equals("APPROVED") ? "APPROVE" : "RETURN");
        a.put("reason", reason);
        a.put("reviewer", "州数据局审核员");
        Exchange e = new DefaultExchange(camel);
        e.getMessage().setHeader(RelayedRequests.KIND, "ANSWER");
        e.getMessage().setHeader(Headers.MESSAGE_ID, origin);
        try {
            e.getMessage().setBody(json.writeValueAsBytes(a));
        } catch (Exception ex) {
            throw new IllegalStateException(ex);
        }
        return e;
    }

    private static LinkTarget parent() {
        return new LinkTarget("ganzi-prefecture", LinkTarget.Direction.UP, LinkTarget.Transport.REST, List.of(),
                URI.create("http://localhost:1"), Optional.of(AGENCY), Optional.empty(), List.of(), List.of());
    }
}
