package org.pdxhub.hub.messaging;

import org.apache.activemq.artemis.core.security.CheckType;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** pdx.verify.{code}: a send-only address for whoever holds a live verification grant for {code}. */
class VerifyAddressRulesTest {

    static final String PSB = "11513300MB0000002H";
    static final String HRSS = "11513300MB0000004P";
    static final String MARKET = "11513300MB0000003L";

    final AddressRules rules = new AddressRules(code -> Optional.ofNullable(Map.of("GZ-PSB-POP-001", PSB).get(code)), Set::of,
            (organisation, code) -> HRSS.equals(organisation) && "GZ-PSB-POP-001".equals(code));

    @Test
    void aGrantHolderSendsVerificationCalls() {
        for (CheckType t : Set.of(CheckType.SEND, CheckType.CREATE_ADDRESS, CheckType.CREATE_DURABLE_QUEUE)) {
            assertTrue(rules.decide(HRSS, t, "pdx.verify.GZ-PSB-POP-001").allowed(), t.name());
        }
        assertTrue(rules.decide(HRSS, CheckType.SEND, "pdx.verify.GZ-PSB-POP-001::pdx.verify.GZ-PSB-POP-001").allowed());
    }

    @Test
    void anOrganisationWithoutAGrantSendsNothingThereNotEvenTheProvider() {
        assertEquals("broker.verify.no-grant", rules.decide(MARKET, CheckType.SEND, "pdx.verify.GZ-PSB-POP-001").rule());
        assertEquals("broker.verify.no-grant", rules.decide(PSB, CheckType.SEND, "pdx.verify.GZ-PSB-POP-001").rule());
        assertEquals("broker.verify.no-grant", rules.decide(HRSS, CheckType.SEND, "pdx.verify.GZ-SAMR-ENT-001").rule());
    }

    @Test
    void nobodyReadsTheCallsOfOthers() {
        for (CheckType t : Set.of(CheckType.CONSUME, CheckType.BROWSE, CheckType.DELETE_DURABLE_QUEUE, CheckType.MANAGE)) {
            assertEquals("broker.verify.send-only", rules.decide(HRSS, t, "pdx.verify.GZ-PSB-POP-001").rule(), t.name());
        }
        assertFalse(rules.decide(HRSS, CheckType.SEND, "pdx.verify.#").allowed());
    }

    @Test
    void withoutTheGrantsQuestionNobodyVerifiesOverTheBroker() {
        AddressRules closed = new AddressRules(code -> Optional.of(PSB), Set::of);
        assertFalse(closed.decide(HRSS, CheckType.SEND, "pdx.verify.GZ-PSB-POP-001").allowed());
    }

    @Test
    void aReplyAddressIsOnlyItsOwnersOwn() {
        assertTrue(AddressRules.isReplyAddressOf("pdx.reply." + HRSS, HRSS));
        assertTrue(AddressRules.isReplyAddressOf("pdx.reply." + HRSS + ".verify", HRSS));
        assertFalse(AddressRules.isReplyAddressOf("pdx.reply." + PSB, HRSS));
        assertFalse(AddressRules.isReplyAddressOf("pdx.return." + HRSS, HRSS));
        assertFalse(AddressRules.isReplyAddressOf("pdx.agg", HRSS));
    }
}
