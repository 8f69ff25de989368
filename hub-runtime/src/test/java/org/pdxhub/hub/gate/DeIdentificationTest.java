package org.pdxhub.hub.gate;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.pdxhub.hub.sharing.Grant;
import org.pdxhub.hub.sharing.GrantSource;
import org.pdxhub.hub.sharing.Grants;
import org.pdxhub.plugin.DataType;
import org.pdxhub.plugin.Destination;
import org.pdxhub.plugin.FieldSpec;
import org.pdxhub.plugin.GateContext;
import org.pdxhub.plugin.OpenType;
import org.pdxhub.plugin.ResourceSpec;
import org.pdxhub.plugin.ShareType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pdxhub.hub.testing.DemoKeys.HRSS;
import static org.pdxhub.hub.testing.DemoKeys.PSB;

/**
 * De-identification is a rule (art. 11, 25): tried by a provider that leaves rules out, writes IDs
 * into free text, or relays records through a node that says it masked what it did not.
 */
@QuarkusTest
class DeIdentificationTest {

    static final String ID = "513323199310112353";
    static final String MOTHER = "513323196204157781";
    /** The mother's ID from an old register: 15 digits, no century, no check character. */
    static final String OLD_ID = "513301870512001";
    static final String MOBILE = "13800138000";
    static final String CARD = "6222021234567894";
    static final String EMAIL = "zhaxi.duoji@ganzi.gov.cn";
    /** Every raw identifier of the remark, as written and as the digits alone. */
    static final List<String> RAW = List.of(ID, MOTHER, "513323 19931011 2353", "513323-19620415-7781", OLD_ID,
            "19931011", "19620415", "138 0013 8000", MOBILE, CARD, "6222 0212 3456 7894", EMAIL);
    static final String REMARK = "户主 513323 19931011 2353，母 513323-19620415-7781（旧证 " + OLD_ID + "），电话 138 0013 8000，"
            + "卡号 6222 0212 3456 7894，邮箱 " + EMAIL;

    @Inject
    Gate gate;

    @Inject
    Grants grants;

    @Inject
    MaskingProfiles profiles;

    @Inject
    MeterRegistry metrics;

    static ResourceSpec resource(String code) {
        return new ResourceSpec(code, 1, PSB, ShareType.CONDITIONAL, OpenType.UNCONDITIONAL, "idNumber", List.of(
                new FieldSpec("idNumber", DataType.STRING, true, 4, "citizen-id", "pseudonym(sm3)"),
                new FieldSpec("marital_status", DataType.STRING, true, 3, null, null),
                new FieldSpec("remark", DataType.STRING, false, 1, null, null),
                new FieldSpec("county", DataType.STRING, false, 1, null, null)));
    }

    static Map<String, Object> record() {
        Map<String, Object> r = new HashMap<>();
        r.put("idNumber", ID);
        r.put("marital_status", "已婚");
        r.put("remark", REMARK);
        r.put("county", "泸定县");
        return r;
    }

    GateContext ctx(ResourceSpec r, Destination d, String requester, Grant grant, Map<String, String> maskedUpstream) {
        return new GateContext(r, d, requester, "人社局张科员", "社保资格核验", grant == null ? null : grant.spec(), Set.of(),
                profiles.forDestination(d), "test-node", "trace-" + UUID.randomUUID(), "msg-" + UUID.randomUUID(), Instant.now(),
                maskedUpstream);
    }

    double found(String kind, Destination d) {
        Counter c = metrics.find("pdx.gate.freetext.found").tag("kind", kind).tag("destination", d.name()).counter();
        return c == null ? 0 : c.count();
    }

    private static void assertNoRawIdentifier(String where, String text) {
        for (String raw : RAW) {
            assertFalse(text.contains(raw), where + " holds a raw identifier: " + text);
        }
    }

    @Test
    void aPersonalItemWithoutARuleIsNeverAggregatedInClear() {
        ResourceSpec r = resource("T-DEID-DEFAULT");

        Passage up = gate.pass(new ArrayList<>(List.of(record())), ctx(r, Destination.AGGREGATION, PSB, null, Map.of()));
        Passage open = gate.pass(new ArrayList<>(List.of(record())), ctx(r, Destination.OPEN, HRSS, null, Map.of()));

        assertNull(up.records().get(0).get("marital_status"), "the aggregation profile's default applies");
        assertNull(open.records().get(0).get("marital_status"), "the open profile's default applies");
        assertTrue(up.logEntry().masking().contains("marital_status=suppress"), up.logEntry().masking());
    }

    @Test
    void aPersonalItemPassesInClearOnlyUnderItsApprovedClearBasis() {
        ResourceSpec r = new ResourceSpec("T-DEID-BASIS", 1, PSB, ShareType.CONDITIONAL, OpenType.UNCONDITIONAL, "idNumber", List.of(
                new FieldSpec("idNumber", DataType.STRING, true, 4, "citizen-id", "pseudonym(sm3)"),
                new FieldSpec("marital_status", DataType.STRING, true, 3, null, null, "《婚姻登记条例》第二条：婚姻登记机关依法办理婚姻登记")));

        Passage up = gate.pass(new ArrayList<>(List.of(new HashMap<>(Map.of("idNumber", ID, "marital_status", "已婚")))),
                ctx(r, Destination.AGGREGATION, PSB, null, Map.of()));

        assertEquals("已婚", up.records().get(0).get("marital_status"));
    }

    @Test
    void profilesForAggregationAndOpenWithoutAPersonalDefaultAreRefusedAtStart() {
        for (Destination d : List.of(Destination.AGGREGATION, Destination.OPEN)) {
            for (String rule : new String[]{null, "", "clear", "none"}) {
                var file = new MaskingProfiles.ProfileFile("p", d, Map.of(), true, Map.of("citizen-id", "pseudonym(sm3)"), rule);
                var refused = org.junit.jupiter.api.Assertions.assertThrows(org.pdxhub.hub.node.StartupRefused.class,
                        () -> MaskingProfiles.requireDefault("masking-profiles.json: profile 'p'", file));
                assertEquals("pdx.masking.profiles-file", refused.key());
                assertTrue(refused.getMessage().contains("personalDefault"), refused.getMessage());
            }
        }
        MaskingProfiles.requireDefault("share", new MaskingProfiles.ProfileFile("s", Destination.SHARE, Map.of(), false, Map.of(), null));
        assertNotNull(profiles.forDestination(Destination.AGGREGATION).personalDefault(), "the demo profile has its default");
    }

    @Test
    void idsInsideFreeTextAreMaskedOnAggregationLikeTheIdItemAndCounted() throws IOException {
        ResourceSpec r = resource("T-DEID-AGG");
        double before = found("citizen-id", Destination.AGGREGATION);

        Passage p = gate.pass(new ArrayList<>(List.of(record())), ctx(r, Destination.AGGREGATION, PSB, null, Map.of()));

        String remark = (String) p.records().get(0).get("remark");
        assertNoRawIdentifier("the aggregated remark", remark);
        assertNoRawIdentifier("the payload", new String(p.payload()));
        String pseudonym = (String) p.records().get(0).get("idNumber");
        assertTrue(remark.contains(pseudonym), "an ID in text gets the pseudonym the ID item gets, so it still joins: " + remark);
        assertTrue(remark.contains("138****8000"), remark);
        assertEquals(3, found("citizen-id", Destination.AGGREGATION) - before);
        String masking = p.logEntry().masking();
        assertTrue(masking.contains("remark=freetext(bank-card:1,citizen-id:3,email:1,mobile:1)"), masking);
        assertNoRawIdentifier("the usage log", masking);
        assertNoRawIdentifier("the node's log", Files.readString(Path.of("target/test-node.log")));
    }

    @Test
    void idsInsideFreeTextAreMaskedOnShareOpenAndReturnToo() {
        ResourceSpec r = resource("T-DEID-PATHS");
        Grant g = grants.issue(HRSS, r.code(), Set.of("idNumber", "remark", "county"), Set.of(), "社保资格核验",
                Instant.now().minusSeconds(60), Instant.now().plus(Duration.ofDays(1)), GrantSource.SEED, null, null, null, "test");

        for (Destination d : List.of(Destination.SHARE, Destination.OPEN, Destination.RETURN)) {
            double before = found("citizen-id", d);
            Passage p = gate.pass(new ArrayList<>(List.of(record())),
                    ctx(r, d, d == Destination.SHARE ? HRSS : d == Destination.RETURN ? PSB : null, d == Destination.SHARE ? g : null, Map.of()));

            // The key item is the dataset's business here (a pseudonym in a shared dataset, the
            // provider's own ID in a return); the remark is what nothing else masks.
            String remark = (String) p.records().get(0).get("remark");
            assertNoRawIdentifier(d + " remark", remark);
            assertEquals(3, found("citizen-id", d) - before, d.name());
            assertTrue(p.logEntry().masking().contains("remark=freetext("), p.logEntry().masking());
        }
    }

    @Test
    void underTheOpenProfileAnIdInTextIsRemoved() {
        ResourceSpec r = resource("T-DEID-OPEN");

        Passage p = gate.pass(new ArrayList<>(List.of(record())), ctx(r, Destination.OPEN, null, null, Map.of()));

        String remark = (String) p.records().get(0).get("remark");
        assertTrue(remark.startsWith("户主 [citizen-id]，母 [citizen-id]（旧证 [citizen-id]），电话 [mobile]"), remark);
    }

    @Test
    void aLinkThatClaimsMaskingItDidNotDoIsMaskedHereAndTheLieCounted() {
        ResourceSpec r = new ResourceSpec("T-DEID-LIAR", 1, PSB, ShareType.CONDITIONAL, OpenType.NONE, "citizen_id", List.of(
                new FieldSpec("citizen_id", DataType.STRING, true, 4, "citizen-id", "pseudonym(sm3)"),
                new FieldSpec("mobile", DataType.STRING, true, 3, "mobile", "keep(3,4)")));
        Counter lies = metrics.find("pdx.gate.upstream.claim.false").tag("strategy", "pseudonym").tag("destination", "AGGREGATION").counter();
        double before = lies == null ? 0 : lies.count();

        Passage p = gate.pass(new ArrayList<>(List.of(new HashMap<>(Map.of("citizen_id", ID, "mobile", MOBILE)))),
                ctx(r, Destination.AGGREGATION, PSB, null, Map.of("citizen_id", "pseudonym(sm3)", "mobile", "keep(3,4)")));

        Map<String, Object> landed = p.records().get(0);
        assertTrue(((String) landed.get("citizen_id")).matches("[0-9a-f]{32}"), "pseudonymised here: " + landed);
        assertEquals("138****8000", landed.get("mobile"));
        assertNoRawIdentifier("what lands", new String(p.payload()));
        assertEquals(1, metrics.find("pdx.gate.upstream.claim.false").tag("strategy", "pseudonym").tag("destination", "AGGREGATION")
                .counter().count() - before);
        assertTrue(p.logEntry().masking().contains("citizen_id=upstream-claim-false(pseudonym(sm3)):1>pseudonym(sm3)"),
                p.logEntry().masking());
    }

    @Test
    void aClaimOfAWeakerRuleThanThisNodesIsNotTakenOnTrust() {
        ResourceSpec r = new ResourceSpec("T-DEID-WEAK", 1, PSB, ShareType.CONDITIONAL, OpenType.NONE, "citizen_id", List.of(
                new FieldSpec("citizen_id", DataType.STRING, true, 4, "citizen-id", "pseudonym(sm3)")));

        Passage p = gate.pass(new ArrayList<>(List.of(new HashMap<>(Map.of("citizen_id", "51332319931011235*")))),
                ctx(r, Destination.AGGREGATION, PSB, null, Map.of("citizen_id", "keep(17,0)")));

        assertTrue(((String) p.records().get(0).get("citizen_id")).matches("[0-9a-f]{32}"), p.records().toString());
        assertTrue(p.logEntry().masking().contains("citizen_id=upstream-claim-false(keep(17,0)):1>pseudonym(sm3)"),
                p.logEntry().masking());
    }

    @Test
    void anHonestUpstreamPseudonymPassesUnchanged() {
        ResourceSpec r = new ResourceSpec("T-DEID-HONEST", 1, PSB, ShareType.CONDITIONAL, OpenType.NONE, "citizen_id", List.of(
                new FieldSpec("citizen_id", DataType.STRING, true, 4, "citizen-id", "pseudonym(sm3)"),
                new FieldSpec("mobile", DataType.STRING, true, 3, "mobile", "keep(3,4)")));
        Passage below = gate.pass(new ArrayList<>(List.of(new HashMap<>(Map.of("citizen_id", ID, "mobile", MOBILE)))),
                ctx(r, Destination.AGGREGATION, PSB, null, Map.of()));
        Map<String, Object> relayed = new HashMap<>(below.records().get(0));

        Passage here = gate.pass(new ArrayList<>(List.of(new HashMap<>(relayed))),
                ctx(r, Destination.AGGREGATION, PSB, null, Map.of("citizen_id", "pseudonym(sm3)", "mobile", "keep(3,4)")));

        assertEquals(relayed, here.records().get(0), "not pseudonymised twice");
        assertFalse(here.logEntry().masking().contains("upstream-claim-false"), here.logEntry().masking());
    }
}
