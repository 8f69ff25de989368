package org.pdxhub.plugins.masking;

import org.junit.jupiter.api.Test;
import org.pdxhub.plugin.FieldMasker;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pdxhub.plugins.masking.TestKeys.compile;

class PseudonymStrategyTest {

    private static final String ID = "11010519491231002X";
    private final PseudonymStrategy pseudonym = new PseudonymStrategy();

    @Test
    void givesOneValueTheSamePseudonymOnEveryNodeOfThePlatform() {
        FieldMasker onCountyNode = compile(pseudonym, "pseudonym(sm3)", TestKeys.PLATFORM);
        FieldMasker onPrefectureNode = compile(pseudonym, "pseudonym(sm3)", TestKeys.withSecret("platform-secret-of-ganzi-2025"));
        assertEquals(onCountyNode.mask(ID), onPrefectureNode.mask(ID));
    }

    @Test
    void givesAnotherPseudonymUnderAnotherSecret() {
        FieldMasker ours = compile(pseudonym, "pseudonym(sm3)", TestKeys.PLATFORM);
        FieldMasker theirs = compile(pseudonym, "pseudonym(sm3)", TestKeys.withSecret("another-platforms-secret"));
        assertNotEquals(ours.mask(ID), theirs.mask(ID));
    }

    @Test
    void givesDifferentValuesDifferentPseudonyms() {
        FieldMasker masker = compile(pseudonym, "pseudonym(sm3)");
        assertNotEquals(masker.mask("11010519491231002X"), masker.mask("513301198705120013"));
    }

    @Test
    void writes32LowercaseHexCharactersUnlessTold() {
        String sm3 = (String) compile(pseudonym, "pseudonym(sm3)").mask(ID);
        assertTrue(sm3.matches("[0-9a-f]{32}"), sm3);
        String longer = (String) compile(pseudonym, "pseudonym(sm3,64)").mask(ID);
        assertTrue(longer.startsWith(sm3), "a shorter pseudonym is a prefix of the longer one");
        assertEquals(16, ((String) compile(pseudonym, "pseudonym(sha256,16)").mask(ID)).length());
    }

    /** Checked against the JDK's HMAC-SHA256, so other systems can compute the same pseudonyms. */
    @Test
    void sha256IsStandardHmacSha256() throws Exception {
        Mac jdk = Mac.getInstance("HmacSHA256");
        jdk.init(new SecretKeySpec(TestKeys.PLATFORM.pseudonymSecret(), "HmacSHA256"));
        String expected = HexFormat.of().formatHex(jdk.doFinal(ID.getBytes(StandardCharsets.UTF_8)));
        assertEquals(expected, compile(pseudonym, "pseudonym(sha256,64)").mask(ID));
    }

    @Test
    void sm3AndSha256GiveDifferentPseudonyms() {
        assertNotEquals(compile(pseudonym, "pseudonym(sm3)").mask(ID), compile(pseudonym, "pseudonym(sha256)").mask(ID));
    }

    @Test
    void givesTheSamePseudonymsOnEveryThread() {
        FieldMasker masker = compile(pseudonym, "pseudonym(sm3)");
        List<Object> sequential = IntStream.range(0, 2000).mapToObj(i -> masker.mask("value-" + i)).toList();
        List<Object> parallel = IntStream.range(0, 2000).parallel().mapToObj(i -> masker.mask("value-" + i)).toList();
        assertEquals(sequential, parallel);
    }

    @Test
    void leavesNullNull() {
        assertNull(compile(pseudonym, "pseudonym(sm3)").mask(null));
    }

    @Test
    void rejectsAnUnknownAlgorithm() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> compile(pseudonym, "pseudonym(md5)"));
        assertEquals("pseudonym(sm3|sha256[,length]): 'algorithm' must be one of sm3, sha256, not 'md5'", e.getMessage());
    }

    @Test
    void rejectsAPseudonymShortEnoughToCollide() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> compile(pseudonym, "pseudonym(sm3,8)"));
        assertTrue(e.getMessage().contains("'length' must be a whole number from 16 to 64"), e.getMessage());
    }

    @Test
    void rejectsAMissingOrShortSecretWithoutShowingIt() {
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> compile(pseudonym, "pseudonym(sm3)", new TestKeys(null, Map.of())));
        assertEquals("pseudonym(sm3|sha256[,length]): the platform's pseudonym secret must be configured, "
                + "at least 16 bytes long", missing.getMessage());
        IllegalArgumentException tooShort = assertThrows(IllegalArgumentException.class,
                () -> compile(pseudonym, "pseudonym(sm3)", TestKeys.withSecret("s3cret")));
        assertFalse(tooShort.getMessage().contains("s3cret"));
    }
}
