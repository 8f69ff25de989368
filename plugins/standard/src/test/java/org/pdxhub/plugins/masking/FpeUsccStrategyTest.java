package org.pdxhub.plugins.masking;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.pdxhub.plugin.FieldMasker;
import org.pdxhub.plugins.identifiers.UsccCheck;

import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pdxhub.plugins.masking.TestKeys.compile;

class FpeUsccStrategyTest {

    private final FpeUsccStrategy fpe = new FpeUsccStrategy();
    private final UsccCheck check = new UsccCheck();
    private final FieldMasker masker = compile(fpe, "fpe-uscc");

    @ParameterizedTest
    @ValueSource(strings = {"91350100M000100Y43", "91110000802100433B", "91440300708461136T", "9144030071526726XG"})
    void givesAnotherValidCodeWithTheSameAuthorityKindAndRegion(String code) {
        String replaced = (String) masker.mask(code);
        assertTrue(check.isValid(replaced), replaced);
        assertNotEquals(code, replaced);
        assertEquals(code.substring(0, 8), replaced.substring(0, 8));
    }

    @Test
    void givesOneCodeTheSameReplacementOnEveryNodeOfThePlatform() {
        FieldMasker onAnotherNode = compile(fpe, "fpe-uscc", TestKeys.withSecret("platform-secret-of-ganzi-2025"));
        assertEquals(masker.mask("91350100M000100Y43"), onAnotherNode.mask("91350100M000100Y43"));
    }

    @Test
    void givesAnotherReplacementUnderAnotherSecret() {
        FieldMasker theirs = compile(fpe, "fpe-uscc", TestKeys.withSecret("another-platforms-secret"));
        assertNotEquals(masker.mask("91350100M000100Y43"), theirs.mask("91350100M000100Y43"));
    }

    @Test
    void givesDistinctCodesOfOneRegionDistinctReplacements() {
        Set<Object> replacements = new HashSet<>();
        for (int n = 0; n < 5000; n++) {
            String first17 = "92513301" + String.format("MA%07d", n);
            String replaced = (String) masker.mask(first17 + UsccCheck.checkCharacter(first17));
            assertTrue(check.isValid(replaced), replaced);
            replacements.add(replaced);
        }
        assertEquals(5000, replacements.size());
    }

    @ParameterizedTest
    @ValueSource(strings = {"91350100M000100Y44", "91350100m000100y43", "9135"})
    void suppressesWhatIsNotAValidCode(String value) {
        assertNull(masker.mask(value));
    }

    @Test
    void rejectsAnUnknownAlgorithm() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> compile(fpe, "fpe-uscc(sm4)"));
        assertTrue(e.getMessage().contains("'algorithm' must be one of sm3, sha256"), e.getMessage());
    }
}
