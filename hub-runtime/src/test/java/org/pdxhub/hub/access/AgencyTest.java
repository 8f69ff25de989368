package org.pdxhub.hub.access;

import org.junit.jupiter.api.Test;
import org.pdxhub.hub.node.HubConfig;
import org.pdxhub.hub.node.NodeLevel;
import org.pdxhub.hub.node.StartupRefused;

import java.lang.reflect.Proxy;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which organisation's reviewers review (pdx.node.agency), and that nobody else's do. */
class AgencyTest {

    static final String PREFECTURE_AGENCY = "11513300MB0000001E";
    static final String PSB = "11513300MB0000002H";
    static final String MARKET = "11513300MB0000003L";

    @Test
    void aPrefectureNodesAgencyIsItsOwnOrganisationUnlessNamed() {
        assertEquals(PREFECTURE_AGENCY, agency(NodeLevel.PREFECTURE, PREFECTURE_AGENCY, null).uscc());
        assertEquals(MARKET, agency(NodeLevel.PROVINCE, PREFECTURE_AGENCY, MARKET).uscc());
    }

    @Test
    void aDepartmentNodeThatDoesNotNameItsAgencyDoesNotStartRatherThanReviewItsOwnCatalog() {
        StartupRefused refused = assertThrows(StartupRefused.class, () -> agency(NodeLevel.DEPARTMENT, PSB, null));
        assertEquals("pdx.node.agency", refused.key());
        assertThrows(StartupRefused.class, () -> agency(NodeLevel.COUNTY, PSB, null));
        assertEquals(PREFECTURE_AGENCY, agency(NodeLevel.DEPARTMENT, PSB, PREFECTURE_AGENCY).uscc());
    }

    @Test
    void anAgencyThatIsNotAUnifiedSocialCreditCodeIsRefusedAtStart() {
        assertEquals("pdx.node.agency", assertThrows(StartupRefused.class,
                () -> agency(NodeLevel.PREFECTURE, PREFECTURE_AGENCY, "the-agency")).key());
    }

    @Test
    void aReviewerKeyOfAnotherOrganisationIsNotTheAgencysReviewer() {
        Agency a = agency(NodeLevel.PREFECTURE, PREFECTURE_AGENCY, null);
        assertTrue(a.isReviewer(new Caller("r", PREFECTURE_AGENCY, "州数据局审核员", Set.of(Role.REVIEWER))));
        Caller marketReviewer = new Caller("demo-reviewer-market", MARKET, "市场监管局审核员", Set.of(Role.REVIEWER, Role.SPECIALIST));
        assertFalse(a.isReviewer(marketReviewer));
        assertFalse(a.isReviewer(new Caller("s", PREFECTURE_AGENCY, "州数据局专员", Set.of(Role.SPECIALIST))));
        var refusal = assertThrows(RuntimeException.class, () -> a.requireReviewer(marketReviewer, "reviewing X"));
        assertTrue(refusal.getMessage().contains("REVIEWER of the data agency " + PREFECTURE_AGENCY), refusal.getMessage());
        assertTrue(refusal.getMessage().contains(MARKET), refusal.getMessage());
    }

    private static Agency agency(NodeLevel level, String organisation, String named) {
        HubConfig.Node node = (HubConfig.Node) Proxy.newProxyInstance(AgencyTest.class.getClassLoader(), new Class<?>[]{HubConfig.Node.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "level" -> level;
                    case "organisation" -> organisation;
                    case "agency" -> Optional.ofNullable(named);
                    case "id" -> "test";
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        Agency a = new Agency();
        a.hub = (HubConfig) Proxy.newProxyInstance(AgencyTest.class.getClassLoader(), new Class<?>[]{HubConfig.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("node")) {
                        return node;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
        a.resolve();
        return a;
    }
}
