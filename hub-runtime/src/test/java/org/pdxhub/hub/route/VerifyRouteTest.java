package org.pdxhub.hub.route;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.Test;
import org.pdxhub.hub.api.ProblemException;
import org.pdxhub.hub.sharing.Grant;
import org.pdxhub.hub.sharing.GrantSource;
import org.pdxhub.hub.sharing.Grants;
import org.pdxhub.hub.store.Sql;
import org.pdxhub.hub.verification.Outcome;
import org.pdxhub.hub.verification.Verifier;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pdxhub.hub.route.RouteFiles.route;
import static org.pdxhub.hub.testing.DemoKeys.HRSS;
import static org.pdxhub.hub.testing.DemoKeys.MARKET;

/**
 * {@code to: pdx:verify/{code}}: a department's route verifies the records it holds under its
 * organisation's verification grant and gets the answer back, never a value; and from the side of
 * a route that would verify more than the grant allows, or without one.
 */
@QuarkusTest
@TestProfile(RouteFiles.class)
class VerifyRouteTest {

    static final String POPULATION = "GZ-PSB-POP-001";
    static final String PURPOSE = "hr-identity-check";
    /** Valid check characters, Xiangcheng (513328); used nowhere else. */
    static final String HELD_ID = "513328198707070013";
    static final String HELD_NAME = "次仁旺姆";

    @Inject
    CamelContext camel;

    @Inject
    ProducerTemplate producer;

    @Inject
    Sql sql;

    @Inject
    Grants grants;

    void held() throws Exception {
        if (sql.count("select count(*) from dataset_record where resource_code = ? and payload like ?", POPULATION, "%次*%") > 0) {
            return;
        }
        RouteFiles.install(camel, "provider-v.yaml", route("provider-v", "direct:provider-v",
                "- to: \"pdx:ingest/" + POPULATION + "?person=人口系统&purpose=人口基础信息汇聚\""), "provider-v");
        String messageId = "v-" + UUID.randomUUID();
        producer.sendBodyAndHeader("direct:provider-v", List.of(Map.of("citizen_id", HELD_ID, "person_name", HELD_NAME,
                "birth_date", "1987-07-07")), "PdxMessageId", messageId);
        await().atMost(Duration.ofSeconds(15)).until(() -> sql.count(
                "select count(*) from dataset_record where resource_code = ? and message_id = ?", POPULATION, messageId) == 1);
    }

    /** A fresh verification grant of human resources with no history; with a daily quota when given. */
    Grant grantToHrss(Integer recordsPerDay) {
        for (Grant g : grants.heldBy(HRSS)) {
            if (g.source() == GrantSource.VERIFICATION_REQUEST) {
                grants.revoke(g.id(), "test");
            }
        }
        Grant g = grants.issue(HRSS, POPULATION, Set.of("person_name", "birth_date"), Set.of(), PURPOSE, Instant.now().minusSeconds(5),
                Instant.now().plus(Duration.ofDays(1)), GrantSource.VERIFICATION_REQUEST, null, null, null, "test");
        if (recordsPerDay != null) {
            sql.update("insert into verification_terms (grant_id, records_per_day, unknown_distinct, set_at, set_by) values (?,?,?,?,?)",
                    g.id(), recordsPerDay, false, Instant.now(), "test");
        }
        return g;
    }

    @Test
    void aRouteVerifiesRecordsUnderItsOrganisationsGrantAndGetsTheAnswerAsBodyAndHeaders() throws Exception {
        held();
        Grant grant = grantToHrss(null);
        RouteFiles.install(camel, "hr-verify.yaml", route("hr-verify", "direct:hr-verify",
                "- to: \"pdx:verify/" + POPULATION + "?holder=" + HRSS + "&person=人社局社保系统\""), "hr-verify");
        Exchange answer = producer.request("direct:hr-verify", e -> e.getMessage().setBody(
                "[{\"citizen_id\":\"" + HELD_ID + "\",\"person_name\":\"" + HELD_NAME + "\",\"birth_date\":\"1987-07-07\"},"
                        + "{\"citizen_id\":\"" + HELD_ID + "\",\"person_name\":\"次仁拉姆\",\"birth_date\":\"1987-07-07\"}]"));
        assertEquals(null, answer.getException());
        Verifier.Verified verified = answer.getMessage().getBody(Verifier.Verified.class);
        assertEquals(grant.id(), verified.grant());
        assertEquals(Outcome.MATCH, verified.results().get(0).result());
        assertEquals(Outcome.MISMATCH, verified.results().get(1).fields().get("person_name"));
        assertEquals(Outcome.MATCH, verified.results().get(1).fields().get("birth_date"));
        assertEquals(grant.id(), answer.getMessage().getHeader("PdxGrant"));
        assertEquals(2, answer.getMessage().getHeader("PdxCount", Integer.class));
        assertEquals(1, answer.getMessage().getHeader("PdxMatches", Integer.class));
        assertEquals(1, answer.getMessage().getHeader("PdxMismatches", Integer.class));
        assertEquals(0, answer.getMessage().getHeader("PdxUnknowns", Integer.class));
        assertFalse(verified.toString().contains(HELD_NAME) || verified.toString().contains(HELD_ID), verified.toString());
        assertEquals(1, sql.count("select count(*) from verification_call where grant_id = ? and refused is null", grant.id()),
                "the route's call is counted against the grant, as a REST call is");
    }

    @Test
    void aRouteMeetsItsGrantsDailyQuotaAsAnyCallerDoes() throws Exception {
        held();
        grantToHrss(2);
        RouteFiles.install(camel, "hr-quota.yaml", route("hr-quota", "direct:hr-quota",
                "- to: \"pdx:verify/" + POPULATION + "?holder=" + HRSS + "&person=人社局社保系统\""), "hr-quota");
        List<Map<String, Object>> three = List.of(Map.of("citizen_id", HELD_ID, "person_name", HELD_NAME),
                Map.of("citizen_id", HELD_ID, "person_name", HELD_NAME), Map.of("citizen_id", HELD_ID, "person_name", HELD_NAME));
        Exchange answer = producer.request("direct:hr-quota", e -> e.getMessage().setBody(three));
        ProblemException refused = assertInstanceOf(ProblemException.class, answer.getException());
        assertEquals(429, refused.status());
        assertEquals("verify.quota", refused.rule());
    }

    @Test
    void aRouteForAnOrganisationWithoutAVerificationGrantIsRefusedWhenLoaded() throws Exception {
        RouteFiles.awaitRefused("market-verify.yaml", route("market-verify", "direct:market-verify",
                "- to: \"pdx:verify/" + POPULATION + "?holder=" + MARKET + "&person=市场局\""), "holds no live verification grant");
        RouteFiles.awaitRefused("nobody-verify.yaml", route("nobody-verify", "direct:nobody-verify",
                "- to: \"pdx:verify/" + POPULATION + "?person=someone\""), "holder={uscc}");
    }

    @Test
    void aRouteCannotReadAnswersOutOfPdxVerify() throws Exception {
        String message = RouteFiles.refusal(camel, route("sneak-verify", "pdx:verify/" + POPULATION + "?holder=" + HRSS,
                "- to: \"log:x\"")).getMessage();
        assertTrue(message.contains("reads from pdx:verify/" + POPULATION), message);
    }
}
