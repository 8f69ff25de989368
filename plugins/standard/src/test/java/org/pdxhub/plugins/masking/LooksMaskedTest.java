package org.pdxhub.plugins.masking;

import org.junit.jupiter.api.Test;
import org.pdxhub.plugin.FieldMasker;
import org.pdxhub.plugin.MaskRule;
import org.pdxhub.plugin.MaskingStrategy;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a node below says it masked is checked against the shape of the rule's output: each rule's
 * own output passes, the raw value it was made from does not.
 */
class LooksMaskedTest {

    static final String ID = "513323199310112353";
    private static final Map<String, MaskingStrategy> STRATEGIES = Map.ofEntries(
            Map.entry("keep", new KeepStrategy()), Map.entry("suppress", new SuppressStrategy()),
            Map.entry("pseudonym", new PseudonymStrategy()),
            Map.entry("generalise-date", new GeneraliseDateStrategy(Clock.fixed(Instant.parse("2026-11-29T00:00:00Z"), ZoneOffset.UTC))),
            Map.entry("generalise-address", new GeneraliseAddressStrategy()), Map.entry("range", new RangeStrategy()),
            Map.entry("encrypt", new EncryptStrategy()), Map.entry("fpe-citizen-id", new FpeCitizenIdStrategy()),
            Map.entry("fpe-uscc", new FpeUsccStrategy()));

    private static FieldMasker rule(String text) {
        MaskRule rule = MaskRule.parse(text);
        return STRATEGIES.get(rule.strategy()).compile(rule.args(), TestKeys.PLATFORM);
    }

    private static void ownOutputPassesRawDoesNot(String rule, Object raw) {
        FieldMasker m = rule(rule);
        Object masked = m.mask(raw);
        assertTrue(masked == null || m.looksMasked(masked), rule + " does not recognise its own output");
        assertFalse(m.looksMasked(raw), rule + " takes the raw value for masked");
    }

    @Test
    void eachRulesOutputLooksMaskedAndTheRawValueDoesNot() {
        ownOutputPassesRawDoesNot("keep(3,4)", "13912345678");
        ownOutputPassesRawDoesNot("keep(1,0)", "张三");
        ownOutputPassesRawDoesNot("keep(6,4,#)", ID);
        ownOutputPassesRawDoesNot("pseudonym(sm3)", ID);
        ownOutputPassesRawDoesNot("pseudonym(sha256,16)", "zhaxi@ganzi.gov.cn");
        ownOutputPassesRawDoesNot("generalise-date(year)", "1993-10-11");
        ownOutputPassesRawDoesNot("generalise-date(age-band,10)", "1993-10-11");
        ownOutputPassesRawDoesNot("generalise-address(county)", "四川省甘孜藏族自治州康定市炉城镇光明路12号");
        ownOutputPassesRawDoesNot("range(1000)", new BigDecimal("2345.6"));
        ownOutputPassesRawDoesNot("encrypt(sm4," + "k1" + ")", ID);
    }

    @Test
    void suppressLooksMaskedOnlyWhenTheValueIsGone() {
        assertTrue(rule("suppress").looksMasked(null));
        assertFalse(rule("suppress").looksMasked(ID));
        assertFalse(rule("suppress").looksMasked(""));
    }

    @Test
    void aPseudonymOfTheWrongLengthOrCaseIsNotTakenForOne() {
        String pseudonym = (String) rule("pseudonym(sm3)").mask(ID);
        assertFalse(rule("pseudonym(sm3)").looksMasked(pseudonym.toUpperCase()));
        assertFalse(rule("pseudonym(sm3,16)").looksMasked(pseudonym));
        assertFalse(rule("pseudonym(sm3)").looksMasked(ID + "12345678901234"));
    }

    @Test
    void aRawValueBehindAnEncryptionPrefixDoesNotOpenAndIsNotTrusted() {
        assertFalse(rule("encrypt(sm4," + "k1" + ")").looksMasked("enc:sm4:" + "k1" + ":" + ID));
    }

    @Test
    void formatPreservingEncryptionIsNeverTakenOnTrustItsOutputLooksRaw() {
        FieldMasker fpe = rule("fpe-citizen-id");
        assertFalse(fpe.looksMasked(fpe.mask(ID)));
        assertFalse(fpe.looksMasked(ID));
        assertFalse(rule("fpe-uscc").looksMasked("11513300MB0000002H"));
    }

    @Test
    void aStarPatternWithTheWrongStarsIsNotAKeepOutput() {
        assertFalse(rule("keep(3,4)").looksMasked("139*2345678"));
        assertTrue(rule("keep(3,4)").looksMasked("139****5678"));
        assertFalse(rule("range(1000)").looksMasked("2000-2998"));
        assertFalse(rule("generalise-date(year)").looksMasked(List.of("1993")));
    }
}
