package org.pdxhub.hub.gate;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.pdxhub.hub.audit.UsageDecision;
import org.pdxhub.hub.audit.UsageEntry;
import org.pdxhub.hub.audit.UsageLog;
import org.pdxhub.hub.sharing.Grant;
import org.pdxhub.hub.sharing.GrantSource;
import org.pdxhub.hub.sharing.Grants;
import org.pdxhub.hub.store.Sql;
import org.pdxhub.plugin.DataType;
import org.pdxhub.plugin.Destination;
import org.pdxhub.plugin.FieldSpec;
import org.pdxhub.plugin.GateContext;
import org.pdxhub.plugin.OpenType;
import org.pdxhub.plugin.ResourceSpec;
import org.pdxhub.plugin.ShareType;

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
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pdxhub.hub.testing.DemoKeys.HRSS;
import static org.pdxhub.hub.testing.DemoKeys.MARKET;
import static org.pdxhub.hub.testing.DemoKeys.PSB;

/** The gate's rules, each tried from the side of someone who would break it. */
@QuarkusTest
class GateTest {

    /** 张三, born 1990-03-07 in Kangding: a citizen ID with a valid check digit. */
    static final String ID = "51330119900307001X";
    static final String ID_BAD_CHECK = "513301199003070018";

    @Inject
    Gate gate;

    @Inject
    Grants grants;

    @Inject
    MaskingProfiles profiles;

    @Inject
    UsageLog usageLog;

    @Inject
    Sql sql;

    static ResourceSpec population(String code) {
        return new ResourceSpec(code, 1, PSB, ShareType.CONDITIONAL, OpenType.NONE, "idNumber", List.of(
                new FieldSpec("idNumber", DataType.STRING, true, 4, "citizen-id", "pseudonym(sm3)"),
                new FieldSpec("name", DataType.STRING, true, 3, null, "keep(1,0)"),
                new FieldSpec("birthDate", DataType.DATE, true, 3, null, "generalise-date(year)"),
                new FieldSpec("phone", DataType.STRING, true, 3, "mobile", "keep(3,4)"),
                new FieldSpec("county", DataType.STRING, false, 1, null, null)));
    }

    static Map<String, Object> person(String id) {
        Map<String, Object> r = new HashMap<>();
        r.put("idNumber", id);
        r.put("name", "张三");
        r.put("birthDate", "1990-03-07");
        r.put("phone", "13912345678");
        r.put("county", "康定市");
        return r;
    }

    GateContext ctx(ResourceSpec r, Destination d, String requester, Grant grant, Set<String> fields) {
        return new GateContext(r, d, requester, "人社局张科员", "社保资格核验", grant == null ? null : grant.spec(), fields,
                profiles.forDestination(d), "test-node", "trace-" + UUID.randomUUID(), "msg-" + UUID.randomUUID(), Instant.now());
    }

    Grant grantFor(ResourceSpec r, Set<String> fields, Instant from, Instant to) {
        return grants.issue(HRSS, r.code(), fields, Set.of(), "社保资格核验", from, to, GrantSource.SEED, null, null, null, "test");
    }

    @Test
    void aFieldOutsideTheGrantNeverReachesTheReceiver() {
        ResourceSpec r = population("T-GATE-FIELDS");
        Grant g = grantFor(r, Set.of("idNumber", "county"), Instant.now().minusSeconds(60), Instant.now().plus(Duration.ofDays(30)));

        Passage p = gate.pass(new ArrayList<>(List.of(person(ID))), ctx(r, Destination.SHARE, HRSS, g, Set.of()));

        assertEquals(Set.of("idNumber", "county"), p.records().get(0).keySet());
        String payload = new String(p.payload());
        assertFalse(payload.contains("张三") || payload.contains("13912345678") || payload.contains("1990-03-07"), payload);
        assertEquals("county,idNumber", p.logEntry().fields());
    }

    @Test
    void askingForFieldsBeyondTheGrantIsRefusedNamingThem() {
        ResourceSpec r = population("T-GATE-ASK");
        Grant g = grantFor(r, Set.of("county"), Instant.now().minusSeconds(60), Instant.now().plus(Duration.ofDays(30)));

        GateRefused e = assertThrows(GateRefused.class,
                () -> gate.pass(new ArrayList<>(List.of(person(ID))), ctx(r, Destination.SHARE, HRSS, g, Set.of("county", "phone"))));

        assertEquals("grant.fields-exceeded", e.rule());
        assertEquals(403, e.status());
        assertTrue(e.getMessage().contains("[phone]"), e.getMessage());
        assertEquals(UsageDecision.REFUSED, e.logEntry().decision());
    }

    @Test
    void anExpiredGrantStopsAuthorisingAtOnce() {
        ResourceSpec r = population("T-GATE-EXPIRED");
        Grant g = grantFor(r, Set.of("county"), Instant.now().minusSeconds(3600), Instant.now().minusMillis(1));

        GateRefused e = assertThrows(GateRefused.class,
                () -> gate.pass(new ArrayList<>(List.of(person(ID))), ctx(r, Destination.SHARE, HRSS, g, Set.of())));
        assertEquals("grant.expired", e.rule());
    }

    @Test
    void aRevokedGrantIsRefused() {
        ResourceSpec r = population("T-GATE-REVOKED");
        Grant g = grantFor(r, Set.of("county"), Instant.now().minusSeconds(60), Instant.now().plus(Duration.ofDays(1)));
        grants.revoke(g.id(), "test");
        Grant revoked = grants.find(g.id()).orElseThrow();

        GateRefused e = assertThrows(GateRefused.class,
                () -> gate.pass(new ArrayList<>(List.of(person(ID))), ctx(r, Destination.SHARE, HRSS, revoked, Set.of())));
        assertEquals("grant.revoked", e.rule());
    }

    @Test
    void anotherOrganisationsGrantDoesNotAuthoriseAThirdParty() {
        ResourceSpec r = population("T-GATE-THIRD");
        Grant g = grantFor(r, Set.of("county"), Instant.now().minusSeconds(60), Instant.now().plus(Duration.ofDays(1)));

        GateRefused e = assertThrows(GateRefused.class,
                () -> gate.pass(new ArrayList<>(List.of(person(ID))), ctx(r, Destination.SHARE, MARKET, g, Set.of())));
        assertEquals("grant.not-holder", e.rule());
    }

    @Test
    void aMessageWithoutPersonOrPurposeIsRefusedAndTheRefusalLogged() {
        ResourceSpec r = population("T-GATE-PERSON");
        GateContext noPerson = new GateContext(r, Destination.AGGREGATION, PSB, " ", "汇聚", null, Set.of(),
                profiles.forDestination(Destination.AGGREGATION), "test-node", "t", "m", Instant.now());

        GateRefused e = assertThrows(GateRefused.class, () -> gate.pass(new ArrayList<>(List.of(person(ID))), noPerson));

        assertEquals("caller.person-missing", e.rule());
        assertEquals("Pdx-Person", e.field());
        List<UsageEntry> logged = usageLog.query(new UsageLog.Query("T-GATE-PERSON", null, null, null, null, 10));
        assertEquals(1, logged.size());
        assertEquals(UsageDecision.REFUSED, logged.get(0).decision());
    }

    @Test
    void onlyTheProviderSendsItsResourceUp() {
        ResourceSpec r = population("T-GATE-PROVIDER");
        GateRefused e = assertThrows(GateRefused.class,
                () -> gate.pass(new ArrayList<>(List.of(person(ID))), ctx(r, Destination.AGGREGATION, MARKET, null, Set.of())));
        assertEquals("aggregation.not-provider", e.rule());
    }

    @Test
    void aRecordWithABadCheckDigitIsRejectedWithItsReasonWhileGoodOnesPass() {
        ResourceSpec r = population("T-GATE-CHECK");
        Map<String, Object> unknownField = person(ID);
        unknownField.put("religion", "x");
        Map<String, Object> badDate = person(ID);
        badDate.put("birthDate", "1990-02-30");

        Passage p = gate.pass(new ArrayList<>(List.of(person(ID), person(ID_BAD_CHECK), unknownField, badDate)),
                ctx(r, Destination.AGGREGATION, PSB, null, Set.of()));

        assertEquals(1, p.records().size());
        assertEquals(List.of(1, 2, 3), p.rejected().stream().map(Passage.Rejected::index).toList());
        assertEquals("idNumber", p.rejected().get(0).field());
        assertTrue(p.rejected().get(0).reason().contains("check"), p.rejected().get(0).reason());
        assertEquals("religion", p.rejected().get(1).field());
        assertEquals("birthDate", p.rejected().get(2).field());
        assertFalse(p.rejected().get(0).reason().contains(ID_BAD_CHECK), "a reason never repeats the value");
        assertNotEquals(ID_BAD_CHECK, p.rejected().get(0).maskedRecord().get("idNumber"), "the dead letter is masked too");
        assertEquals(1, p.logEntry().recordCount());
        assertEquals(3, p.logEntry().rejectedCount());
    }

    @Test
    void theAggregationProfilePseudonymisesIdsTheSameWayAcrossMessages() {
        ResourceSpec r = population("T-GATE-PSEUDO");
        Passage first = gate.pass(new ArrayList<>(List.of(person(ID))), ctx(r, Destination.AGGREGATION, PSB, null, Set.of()));
        Passage second = gate.pass(new ArrayList<>(List.of(person(ID.toLowerCase()))), ctx(r, Destination.AGGREGATION, PSB, null, Set.of()));

        Object pseudonym = first.records().get(0).get("idNumber");
        assertNotEquals(ID, pseudonym);
        assertEquals(pseudonym, second.records().get(0).get("idNumber"), "joinable across messages");
        assertEquals("139****5678", first.records().get(0).get("phone"));
        assertFalse(new String(first.payload()).contains(ID));
        assertTrue(first.logEntry().masking().contains("idNumber=pseudonym(sm3)"), first.logEntry().masking());
    }

    @Test
    void theOpenProfileSuppressesPersonalData() {
        ResourceSpec r = new ResourceSpec("T-GATE-OPEN", 1, PSB, ShareType.UNCONDITIONAL, OpenType.UNCONDITIONAL, null, population("x").fields());
        Passage p = gate.pass(new ArrayList<>(List.of(person(ID))), ctx(r, Destination.OPEN, HRSS, null, Set.of()));

        Map<String, Object> published = p.records().get(0);
        assertNull(published.get("idNumber"));
        assertNull(published.get("name"));
        assertNull(published.get("phone"));
        assertEquals("康定市", published.get("county"));
    }

    @Test
    void anEncryptedFieldIsClearOnlyForAHolderEntitledToIt() {
        ResourceSpec r = new ResourceSpec("T-GATE-CLEAR", 1, PSB, ShareType.CONDITIONAL, OpenType.NONE, "idNumber", List.of(
                new FieldSpec("idNumber", DataType.STRING, true, 4, "citizen-id", "pseudonym(sm3)"),
                new FieldSpec("bankAccount", DataType.STRING, true, 4, null, "encrypt(sm4,demo-2026)")));
        Map<String, Object> record = new HashMap<>(Map.of("idNumber", ID, "bankAccount", "6222020200112233445"));
        Map<String, Object> stored = gate.pass(new ArrayList<>(List.of(record)), ctx(r, Destination.AGGREGATION, PSB, null, Set.of()))
                .records().get(0);
        assertTrue(String.valueOf(stored.get("bankAccount")).startsWith("enc:sm4:demo-2026:"), stored.toString());

        Grant plain = grantFor(r, Set.of("idNumber", "bankAccount"), Instant.now().minusSeconds(5), Instant.now().plus(Duration.ofDays(1)));
        Grant entitled = grants.issue(HRSS, r.code(), Set.of("idNumber", "bankAccount"), Set.of("bankAccount"), "社保资格核验",
                Instant.now().minusSeconds(5), Instant.now().plus(Duration.ofDays(1)), GrantSource.SEED, null, null, null, "test");

        Passage toPlain = gate.pass(new ArrayList<>(List.of(new HashMap<>(stored))), ctx(r, Destination.SHARE, HRSS, plain, Set.of()));
        Passage toEntitled = gate.pass(new ArrayList<>(List.of(new HashMap<>(stored))), ctx(r, Destination.SHARE, HRSS, entitled, Set.of()));

        assertEquals(stored.get("bankAccount"), toPlain.records().get(0).get("bankAccount"));
        assertEquals("6222020200112233445", toEntitled.records().get(0).get("bankAccount"));
        assertFalse(toEntitled.logEntry().toString().contains("6222020200112233445"), "the usage log holds no clear value");
    }

    @Test
    void aFailingLogWriteStopsDelivery() {
        ResourceSpec r = population("T-GATE-FAILCLOSED");
        sql.update("alter table usage_log rename to usage_log_away");
        try {
            assertThrows(RuntimeException.class,
                    () -> gate.pass(new ArrayList<>(List.of(person(ID))), ctx(r, Destination.AGGREGATION, PSB, null, Set.of())));
        } finally {
            sql.update("alter table usage_log_away rename to usage_log");
        }
        assertTrue(usageLog.verify().intact(), "the chain is still whole after the failed write");
    }
}
