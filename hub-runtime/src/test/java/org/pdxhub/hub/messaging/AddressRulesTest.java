package org.pdxhub.hub.messaging;

import org.apache.activemq.artemis.core.security.CheckType;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The broker's rules, one organisation and one address at a time (the real clients are in BrokerSecurityTest). */
public class AddressRulesTest {

    static final String PSB = "11513300MB0000002H";
    static final String MARKET = "11513300MB0000003L";
    static final String COUNTY = "11513301MB0000001W";

    final AddressRules rules = new AddressRules(code -> Optional.ofNullable(Map.of("GZ-PSB-POP-001", PSB).get(code)), () -> Set.of(COUNTY));

    @Test
    void theProviderSendsToItsResourceQueueAndMayCreateIt() {
        for (CheckType t : Set.of(CheckType.SEND, CheckType.CREATE_ADDRESS, CheckType.CREATE_DURABLE_QUEUE)) {
            assertTrue(rules.decide(PSB, t, "pdx.in.GZ-PSB-POP-001").allowed(), t.name());
        }
    }

    @Test
    void anotherOrganisationMayNotSendToAProvidersQueue() {
        AddressRules.Decision d = rules.decide(MARKET, CheckType.SEND, "pdx.in.GZ-PSB-POP-001");
        assertFalse(d.allowed());
        assertEquals("broker.in.not-provider", d.rule());
        assertTrue(d.reason().contains(PSB) && d.reason().contains("pdx.in.GZ-PSB-POP-001"), d.reason());
    }

    @Test
    void nobodySendsToAResourceThatIsNotPublished() {
        assertEquals("broker.in.not-published", rules.decide(PSB, CheckType.SEND, "pdx.in.GZ-NOPE-001").rule());
    }

    @Test
    void theProviderDoesNotReadItsInboundQueue() {
        assertEquals("broker.in.send-only", rules.decide(PSB, CheckType.CONSUME, "pdx.in.GZ-PSB-POP-001").rule());
        assertEquals("broker.in.send-only", rules.decide(PSB, CheckType.BROWSE, "pdx.in.GZ-PSB-POP-001").rule());
    }

    @Test
    void anOrganisationReadsOnlyItsOwnReturnAndReplyAddresses() {
        assertTrue(rules.decide(PSB, CheckType.CONSUME, "pdx.return." + PSB).allowed());
        assertTrue(rules.decide(PSB, CheckType.BROWSE, "pdx.return." + PSB).allowed());
        assertTrue(rules.decide(PSB, CheckType.CONSUME, "pdx.reply." + PSB).allowed());
        assertTrue(rules.decide(PSB, CheckType.CONSUME, "pdx.reply." + PSB + ".population").allowed());
        assertTrue(rules.decide(PSB, CheckType.CONSUME, "pdx.return." + PSB + "::pdx.return." + PSB).allowed(), "fully qualified");
        assertEquals("broker.return.not-owner", rules.decide(MARKET, CheckType.CONSUME, "pdx.return." + PSB).rule());
        assertEquals("broker.return.not-owner", rules.decide(MARKET, CheckType.BROWSE, "pdx.reply." + PSB).rule());
        assertEquals("broker.return.not-owner", rules.decide(MARKET, CheckType.CREATE_DURABLE_QUEUE, "pdx.return." + PSB).rule());
    }

    @Test
    void nobodyButTheNodeWritesToAReturnAddress() {
        assertEquals("broker.return.read-only", rules.decide(PSB, CheckType.SEND, "pdx.return." + PSB).rule());
        assertEquals("broker.return.read-only", rules.decide(PSB, CheckType.DELETE_DURABLE_QUEUE, "pdx.return." + PSB).rule());
    }

    @Test
    void onlyALinkedNodesOrganisationSendsToTheLinkAddress() {
        assertTrue(rules.decide(COUNTY, CheckType.SEND, Addresses.LINK_IN).allowed());
        assertEquals("broker.link.not-linked", rules.decide(PSB, CheckType.SEND, Addresses.LINK_IN).rule());
        assertEquals("broker.link.send-only", rules.decide(COUNTY, CheckType.CONSUME, Addresses.LINK_IN).rule());
    }

    @Test
    void theNodesOwnAddressesAreInternal() {
        for (String address : new String[]{Addresses.AGGREGATION, Addresses.DEAD_LETTER, Addresses.EXPIRED, Addresses.NOTIFY,
                Addresses.linkOut("sichuan-province"), "activemq.management", "pdx.return." + PSB + ".x", "pdx.return."}) {
            for (CheckType t : CheckType.values()) {
                AddressRules.Decision d = rules.decide(COUNTY, t, address);
                assertFalse(d.allowed(), t + " " + address);
                assertEquals("broker.internal", d.rule(), t + " " + address);
            }
        }
        assertEquals("broker.internal", rules.decide(PSB, CheckType.MANAGE, "activemq.management").rule());
    }

    @Test
    void aFullyQualifiedQueueNameCannotHoldAnotherOrganisationsReturnQueue() {
        for (CheckType t : CheckType.values()) {
            AddressRules.Decision d = rules.decide(MARKET, t, "pdx.return." + MARKET + "::pdx.return." + PSB);
            assertFalse(d.allowed(), t.name());
        }
        assertEquals("broker.return.not-owner", rules.decide(MARKET, CheckType.CREATE_DURABLE_QUEUE,
                "pdx.return." + MARKET + "::pdx.return." + PSB).rule());
        assertFalse(rules.decide(MARKET, CheckType.CREATE_DURABLE_QUEUE, "pdx.return." + MARKET + "::mine").allowed(),
                "a queue name no rule names");
        assertEquals("broker.return.not-owner", rules.decide(MARKET, CheckType.CONSUME,
                "pdx.reply." + MARKET + "::pdx.reply." + PSB).rule());
        assertTrue(rules.decide(MARKET, CheckType.CONSUME, "pdx.reply." + MARKET + "::pdx.reply." + MARKET + ".population").allowed(),
                "an organisation's own reply queues under its own reply address");
        assertEquals("broker.address.malformed", rules.decide(PSB, CheckType.CONSUME, "pdx.return." + PSB + "::").rule());
        assertEquals("broker.address.malformed", rules.decide(PSB, CheckType.CONSUME,
                "pdx.return." + PSB + "::pdx.return." + PSB + "::x").rule());
    }

    @Test
    void aFullyQualifiedNameCannotSlipAnInboundMessageIntoAnotherQueue() {
        assertEquals("broker.internal", rules.decide(PSB, CheckType.SEND, "pdx.in.GZ-PSB-POP-001::pdx.agg").rule());
        assertFalse(rules.decide(PSB, CheckType.CREATE_DURABLE_QUEUE, "pdx.in.GZ-PSB-POP-001::pdx.in.GZ-PSB-POP-001.copy").allowed());
        assertTrue(rules.decide(PSB, CheckType.SEND, "pdx.in.GZ-PSB-POP-001::pdx.in.GZ-PSB-POP-001").allowed());
    }

    @Test
    void wildcardsAreRefusedOnEveryAddress() {
        for (String address : new String[]{"pdx.return.#", "pdx.return.*", "pdx.reply." + PSB + ".#", "pdx.reply." + PSB + ".*",
                "pdx.in.*", "#", "pdx.return." + PSB + "::pdx.return.#"}) {
            for (CheckType t : CheckType.values()) {
                AddressRules.Decision d = rules.decide(PSB, t, address);
                assertFalse(d.allowed(), t + " " + address);
            }
            assertEquals("broker.address.wildcard", rules.decide(PSB, CheckType.CONSUME, address).rule(), address);
        }
    }

    @Test
    void theRoutesUserSendsOnlyToInboundQueuesAndItsOwnAddresses() {
        assertTrue(rules.decideForRoutes(CheckType.SEND, "pdx.in.GZ-PSB-POP-001").allowed());
        assertEquals("broker.routes.in-send-only", rules.decideForRoutes(CheckType.CONSUME, "pdx.in.GZ-PSB-POP-001").rule());
        assertEquals("broker.in.not-published", rules.decideForRoutes(CheckType.SEND, "pdx.in.GZ-NOPE-001").rule());
        for (String address : new String[]{Addresses.AGGREGATION, Addresses.DEAD_LETTER, Addresses.returnTo(PSB), "pdx.reply." + PSB,
                Addresses.linkOut("sichuan-province"), Addresses.LINK_IN, Addresses.NOTIFY, "activemq.management",
                "pdx.in.GZ-PSB-POP-001::pdx.agg"}) {
            for (CheckType t : CheckType.values()) {
                assertFalse(rules.decideForRoutes(t, address).allowed(), t + " " + address);
            }
        }
        assertTrue(rules.decideForRoutes(CheckType.SEND, "dept.outbox").allowed(), "a routes file's own queue");
        assertTrue(rules.decideForRoutes(CheckType.CONSUME, "dept.outbox").allowed());
    }
}
