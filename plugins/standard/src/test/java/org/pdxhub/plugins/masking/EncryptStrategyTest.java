package org.pdxhub.plugins.masking;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.pdxhub.plugin.FieldMasker;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pdxhub.plugins.masking.TestKeys.compile;

class EncryptStrategyTest {

    private static final String CLEAR = "扎西多吉 513301198705120013";
    private final EncryptStrategy encrypt = new EncryptStrategy();

    @ParameterizedTest
    @ValueSource(strings = {"sm4", "aes-gcm"})
    void anEntitledHolderGetsTheClearValueBack(String algorithm) {
        String token = (String) compile(encrypt, "encrypt(" + algorithm + ",k1)").mask(CLEAR);
        assertEquals(CLEAR, FieldCipher.decrypt(token, TestKeys.PLATFORM));
    }

    @Test
    void namesTheAlgorithmAndKeyAndHidesTheValue() {
        String token = (String) compile(encrypt, "encrypt(sm4,k1)").mask(CLEAR);
        assertTrue(token.startsWith("enc:sm4:k1:"), token);
        assertFalse(token.contains("513301"), token);
        assertTrue(FieldCipher.isEncrypted(token));
    }

    @Test
    void encryptsOneValueDifferentlyEachTime() {
        FieldMasker masker = compile(encrypt, "encrypt(sm4,k1)");
        assertNotEquals(masker.mask(CLEAR), masker.mask(CLEAR));
    }

    @Test
    void encryptsNumbersAsTheirDigits() {
        String token = (String) compile(encrypt, "encrypt(aes-gcm,k1)").mask(12345);
        assertEquals("12345", FieldCipher.decrypt(token, TestKeys.PLATFORM));
    }

    @Test
    void leavesNullNull() {
        assertNull(compile(encrypt, "encrypt(sm4,k1)").mask(null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"sm4", "aes-gcm"})
    void refusesACiphertextWithAnyByteChanged(String algorithm) {
        String token = (String) compile(encrypt, "encrypt(" + algorithm + ",k1)").mask(CLEAR);
        String header = token.substring(0, token.lastIndexOf(':') + 1);
        byte[] data = Base64.getDecoder().decode(token.substring(header.length()));
        for (int i = 0; i < data.length; i++) {
            byte[] altered = data.clone();
            altered[i] ^= 0x01;
            String tampered = header + Base64.getEncoder().encodeToString(altered);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> FieldCipher.decrypt(tampered, TestKeys.PLATFORM), "byte " + i);
            assertEquals("the encrypted value fails its integrity check: it was altered, or encrypted with another key",
                    e.getMessage());
        }
    }

    @Test
    void refusesATokenPointedAtAnotherKeyOrAlgorithm() {
        String token = (String) compile(encrypt, "encrypt(sm4,k1)").mask(CLEAR);
        assertThrows(IllegalArgumentException.class,
                () -> FieldCipher.decrypt(token.replace("enc:sm4:k1:", "enc:sm4:k2:"), TestKeys.PLATFORM));
        assertThrows(IllegalArgumentException.class,
                () -> FieldCipher.decrypt(token.replace("enc:sm4:k1:", "enc:aes-gcm:k1:"), TestKeys.PLATFORM));
    }

    @Test
    void refusesATokenUnderAKeyThatIsNoLongerTheSame() {
        String token = (String) compile(encrypt, "encrypt(sm4,k1)").mask(CLEAR);
        TestKeys rotated = new TestKeys(TestKeys.PLATFORM.pseudonymSecret(), Map.of("k1", TestKeys.bytes("a-different-key!")));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FieldCipher.decrypt(token, rotated));
        assertFalse(e.getMessage().contains("a-different-key"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"513301198705120013", "enc:sm4", "enc:des:k1:AAAA", "enc:sm4:k1:not base64!", "enc:sm4:k1:AAAA"})
    void refusesWhatIsNotAToken(String notAToken) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FieldCipher.decrypt(notAToken, TestKeys.PLATFORM));
        assertFalse(e.getMessage().contains("513301"), e.getMessage());
    }

    /** The AES-GCM form is plain AES-GCM: the JDK opens it with the header as associated data. */
    @Test
    void aesGcmTokensOpenWithTheJdksAesGcm() throws Exception {
        String token = (String) compile(encrypt, "encrypt(aes-gcm,k1)").mask(CLEAR);
        String header = "enc:aes-gcm:k1:";
        byte[] data = Base64.getDecoder().decode(token.substring(header.length()));
        Cipher jdk = Cipher.getInstance("AES/GCM/NoPadding");
        jdk.init(Cipher.DECRYPT_MODE, new SecretKeySpec(TestKeys.PLATFORM.encryptionKey("k1"), "AES"),
                new GCMParameterSpec(128, Arrays.copyOf(data, 12)));
        jdk.updateAAD(header.getBytes(StandardCharsets.UTF_8));
        byte[] clear = jdk.doFinal(data, 12, data.length - 12);
        assertEquals(CLEAR, new String(clear, StandardCharsets.UTF_8));
    }

    @Test
    void rejectsAnUnknownAlgorithm() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> compile(encrypt, "encrypt(des,k1)"));
        assertEquals("encrypt(sm4|aes-gcm,keyId): 'algorithm' must be one of sm4, aes-gcm, not 'des'", e.getMessage());
    }

    @Test
    void rejectsAMissingKeyId() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> compile(encrypt, "encrypt(sm4)"));
        assertEquals("encrypt(sm4|aes-gcm,keyId) takes 2 arguments, not 1", e.getMessage());
    }

    @Test
    void rejectsAKeyIdWithNoKeyAtCompileTime() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> compile(encrypt, "encrypt(sm4,missing)"));
        assertEquals("encrypt(sm4|aes-gcm,keyId): no encryption key with id 'missing' is configured", e.getMessage());
    }

    @Test
    void rejectsAKeyOfTheWrongLengthWithoutShowingIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> compile(encrypt, "encrypt(sm4,short)"));
        assertEquals("encrypt(sm4|aes-gcm,keyId): the encryption key 'short' must be 16 bytes for sm4, not 15",
                e.getMessage());
    }

    @Test
    void rejectsAKeyIdThatWouldBreakTheToken() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> compile(encrypt, "encrypt(sm4,a:b)"));
        assertTrue(e.getMessage().contains("without ':'"), e.getMessage());
    }
}
