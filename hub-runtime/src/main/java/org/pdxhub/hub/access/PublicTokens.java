package org.pdxhub.hub.access;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Tokens a member of the public follows a filing by (an open application, a complaint) without a
 * key: shown once, and only their SHA-256 kept, as for API keys, so a copy of the store reads nothing.
 */
public final class PublicTokens {

    private static final SecureRandom RANDOM = new SecureRandom();

    /** 24 random bytes, URL-safe base64. */
    public static String issue() {
        byte[] b = new byte[24];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    /** What the store keeps, and looks a presented token up by. */
    public static String digest(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private PublicTokens() {
    }
}
