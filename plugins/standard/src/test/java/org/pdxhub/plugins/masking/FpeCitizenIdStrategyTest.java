package org.pdxhub.plugins.masking;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.pdxhub.plugin.FieldMasker;
import org.pdxhub.plugins.identifiers.CitizenIdCheck;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pdxhub.plugins.masking.TestKeys.compile;

class FpeCitizenIdStrategyTest {

    private final FpeCitizenIdStrategy fpe = new FpeCitizenIdStrategy();
    private final CitizenIdCheck check = new CitizenIdCheck();
    private final FieldMasker masker = compile(fpe, "fpe-citizen-id");

    @ParameterizedTest
    @ValueSource(strings = {"11010519491231002X", "513301198705120013", "513322199001010023"})
    void givesAnotherValidIdWithTheSameRegionBirthDateAndSex(String id) {
        String replaced = (String) masker.mask(id);
        assertTrue(check.isValid(replaced), replaced);
        assertNotEquals(id, replaced);
        assertEquals(id.substring(0, 14), replaced.substring(0, 14));
        assertEquals((id.charAt(16) - '0') % 2, (replaced.charAt(16) - '0') % 2);
    }

    @Test
    void givesOneIdTheSameReplacementOnEveryNodeOfThePlatform() {
        FieldMasker onAnotherNode = compile(fpe, "fpe-citizen-id", TestKeys.withSecret("platform-secret-of-ganzi-2025"));
        assertEquals(masker.mask("513301198705120013"), onAnotherNode.mask("513301198705120013"));
    }

    @Test
    void givesAnotherReplacementUnderAnotherSecret() {
        FieldMasker theirs = compile(fpe, "fpe-citizen-id", TestKeys.withSecret("another-platforms-secret"));
        Set<Object> differing = new HashSet<>();
        for (int sequence = 1; sequence <= 20; sequence++) {
            String id = idWithSequence("51330119870512", sequence);
            if (!masker.mask(id).equals(theirs.mask(id))) {
                differing.add(id);
            }
        }
        assertTrue(differing.size() >= 15, "one in 500 may agree by chance, not most: " + differing.size());
    }

    /** All 1000 people one county could register on one day: 1000 distinct replacements, none unchanged. */
    @Test
    void neverGivesTwoIdsTheSameReplacementNorAnIdItself() {
        Set<Object> replacements = new HashSet<>();
        for (int sequence = 0; sequence < 1000; sequence++) {
            String id = idWithSequence("51330119870512", sequence);
            String replaced = (String) masker.mask(id);
            assertNotEquals(id, replaced);
            assertTrue(check.isValid(replaced), replaced);
            replacements.add(replaced);
        }
        assertEquals(1000, replacements.size());
    }

    @Test
    void treatsALowercaseXAsTheSameId() {
        assertEquals(masker.mask("11010519491231002X"), masker.mask("11010519491231002x"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"110105194912310021", "1101051949123100", "not an id"})
    void suppressesWhatIsNotAValidId(String value) {
        assertNull(masker.mask(value));
    }

    @Test
    void hashesWithSha256WhenTold() {
        assertNotEquals(masker.mask("513301198705120013"),
                compile(fpe, "fpe-citizen-id(sha256)").mask("513301198705120013"));
    }

    @Test
    void rejectsAnUnknownAlgorithm() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> compile(fpe, "fpe-citizen-id(md5)"));
        assertTrue(e.getMessage().contains("'algorithm' must be one of sm3, sha256"), e.getMessage());
    }

    @Test
    void needsThePseudonymSecret() {
        assertThrows(IllegalArgumentException.class,
                () -> compile(fpe, "fpe-citizen-id", new TestKeys(new byte[0], Map.of())));
    }

    private static String idWithSequence(String first14, int sequence) {
        String first17 = first14 + String.format("%03d", sequence);
        return first17 + CitizenIdCheck.checkCharacter(first17);
    }
}
