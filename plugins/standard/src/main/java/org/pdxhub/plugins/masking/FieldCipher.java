package org.pdxhub.plugins.masking;

import org.bouncycastle.crypto.BlockCipher;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.engines.SM4Engine;
import org.bouncycastle.crypto.modes.GCMBlockCipher;
import org.bouncycastle.crypto.modes.GCMModeCipher;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;
import org.pdxhub.plugin.MaskingKeys;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.function.Supplier;

/**
 * Reversible encryption of one field value under a configured key, in GCM mode with SM4 (GB/T
 * 32907) or AES-128, and its decryption for grant holders entitled to the clear value. A value
 * encrypts to {@code enc:<algorithm>:<keyId>:<base64 of nonce, ciphertext and tag>}; the text
 * before the data is authenticated too, so it cannot be changed to point at another key.
 * <p>
 * A fresh random 12-byte nonce per value makes equal values encrypt differently: encrypted fields
 * cannot be joined (use a pseudonym for that). Messages of exceptions never hold a key or a value.
 */
public final class FieldCipher {

    public static final String PREFIX = "enc:";

    private static final int KEY_BYTES = 16;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    public enum Algorithm {
        SM4("sm4", SM4Engine::new), AES_GCM("aes-gcm", AESEngine::newInstance);

        private final String tokenName;
        private final Supplier<BlockCipher> engine;

        Algorithm(String tokenName, Supplier<BlockCipher> engine) {
            this.tokenName = tokenName;
            this.engine = engine;
        }

        /** As written in rules and tokens: {@code sm4}, {@code aes-gcm}. */
        public String tokenName() {
            return tokenName;
        }

        static Algorithm byTokenName(String name) {
            for (Algorithm a : values()) {
                if (a.tokenName.equals(name)) {
                    return a;
                }
            }
            return null;
        }
    }

    private final Algorithm algorithm;
    private final String keyId;
    private final byte[] key;
    private final String header;
    private final byte[] headerBytes;

    private FieldCipher(Algorithm algorithm, String keyId, byte[] key) {
        this.algorithm = algorithm;
        this.keyId = keyId;
        this.key = key;
        this.header = PREFIX + algorithm.tokenName + ":" + keyId + ":";
        this.headerBytes = header.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * @throws IllegalArgumentException when the key id is not a plain name or its key is missing
     *                                  or not 16 bytes
     */
    public static FieldCipher create(Algorithm algorithm, String keyId, MaskingKeys keys) {
        if (keyId == null || keyId.isBlank() || keyId.indexOf(':') >= 0 || keyId.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("the key id must be a name without ':' or spaces");
        }
        byte[] key = keys == null ? null : keys.encryptionKey(keyId);
        if (key == null) {
            throw new IllegalArgumentException("no encryption key with id '" + keyId + "' is configured");
        }
        if (key.length != KEY_BYTES) {
            throw new IllegalArgumentException("the encryption key '" + keyId + "' must be " + KEY_BYTES
                    + " bytes for " + algorithm.tokenName + ", not " + key.length);
        }
        return new FieldCipher(algorithm, keyId, key.clone());
    }

    public Algorithm algorithm() {
        return algorithm;
    }

    public String keyId() {
        return keyId;
    }

    public String encrypt(String clear) {
        byte[] plain = clear.getBytes(StandardCharsets.UTF_8);
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        GCMModeCipher gcm = GCMBlockCipher.newInstance(algorithm.engine.get());
        gcm.init(true, new AEADParameters(new KeyParameter(key), TAG_BITS, nonce, headerBytes));
        byte[] out = new byte[NONCE_BYTES + gcm.getOutputSize(plain.length)];
        System.arraycopy(nonce, 0, out, 0, NONCE_BYTES);
        int length = gcm.processBytes(plain, 0, plain.length, out, NONCE_BYTES);
        try {
            gcm.doFinal(out, NONCE_BYTES + length);
        } catch (InvalidCipherTextException e) {
            throw new IllegalStateException("GCM encryption cannot fail on a fresh cipher", e);
        }
        return header + Base64.getEncoder().encodeToString(out);
    }

    /** Whether {@code token} was made by {@link #encrypt} of this cipher (its algorithm, key id and key). */
    public boolean opens(String token) {
        if (!token.startsWith(header)) {
            return false;
        }
        try {
            byte[] data = Base64.getDecoder().decode(token.substring(header.length()));
            if (data.length < NONCE_BYTES + TAG_BITS / 8) {
                return false;
            }
            open(data);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** Whether {@code value} looks like the output of {@link #encrypt}. */
    public static boolean isEncrypted(Object value) {
        return value instanceof String s && s.startsWith(PREFIX);
    }

    /**
     * The clear value of a token made by {@link #encrypt}, with the key its token names.
     *
     * @throws IllegalArgumentException when the token is malformed, names an unknown algorithm or
     *                                  key, or fails its integrity check (altered, or made with
     *                                  another key)
     */
    public static String decrypt(String token, MaskingKeys keys) {
        if (!isEncrypted(token)) {
            throw new IllegalArgumentException("not an encrypted value: expected enc:<algorithm>:<keyId>:<data>");
        }
        int algorithmEnd = token.indexOf(':', PREFIX.length());
        int keyIdEnd = algorithmEnd < 0 ? -1 : token.indexOf(':', algorithmEnd + 1);
        if (keyIdEnd < 0) {
            throw new IllegalArgumentException("not an encrypted value: expected enc:<algorithm>:<keyId>:<data>");
        }
        Algorithm algorithm = byTokenName(token.substring(PREFIX.length(), algorithmEnd));
        FieldCipher cipher = create(algorithm, token.substring(algorithmEnd + 1, keyIdEnd), keys);
        byte[] data;
        try {
            data = Base64.getDecoder().decode(token.substring(keyIdEnd + 1));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the encrypted value is damaged: its data is not base64");
        }
        if (data.length < NONCE_BYTES + TAG_BITS / 8) {
            throw new IllegalArgumentException("the encrypted value is damaged: its data is too short");
        }
        return cipher.open(data);
    }

    private static Algorithm byTokenName(String name) {
        Algorithm algorithm = Algorithm.byTokenName(name);
        if (algorithm == null) {
            throw new IllegalArgumentException("the encrypted value names an unknown algorithm; known: sm4, aes-gcm");
        }
        return algorithm;
    }

    private String open(byte[] data) {
        GCMModeCipher gcm = GCMBlockCipher.newInstance(algorithm.engine.get());
        byte[] nonce = Arrays.copyOf(data, NONCE_BYTES);
        gcm.init(false, new AEADParameters(new KeyParameter(key), TAG_BITS, nonce, headerBytes));
        byte[] plain = new byte[gcm.getOutputSize(data.length - NONCE_BYTES)];
        try {
            int length = gcm.processBytes(data, NONCE_BYTES, data.length - NONCE_BYTES, plain, 0);
            length += gcm.doFinal(plain, length);
            return new String(plain, 0, length, StandardCharsets.UTF_8);
        } catch (InvalidCipherTextException e) {
            throw new IllegalArgumentException(
                    "the encrypted value fails its integrity check: it was altered, or encrypted with another key");
        }
    }
}
