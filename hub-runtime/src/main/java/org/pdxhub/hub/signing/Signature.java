package org.pdxhub.hub.signing;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The one definition of a signed request, used by the node that verifies and the client that
 * signs (and mirrored by {@code deploy/pdx-sign}). The signature is the base64 HMAC-SHA256 of
 * <pre>
 * METHOD \n path[?query] \n timestamp \n nonce \n content-sha256
 * </pre>
 * where path and query are exactly as on the request line (percent-encoding as sent, "?"
 * only when there is a query), timestamp is the {@code Pdx-Timestamp} value (Unix epoch
 * seconds), and content-sha256 the lowercase hex SHA-256 of the body bytes as sent (of the
 * empty string when there is no body).
 */
public final class Signature {

    public static final String KEY_ID = "Pdx-Key-Id";
    public static final String TIMESTAMP = "Pdx-Timestamp";
    public static final String NONCE = "Pdx-Nonce";
    public static final String CONTENT_SHA256 = "Pdx-Content-SHA256";
    public static final String SIGNATURE = "Pdx-Signature";
    /** Idempotency key: the same on every retry of one message, so the receiver can land it once. */
    public static final String MESSAGE_ID = "Pdx-Message-Id";

    /** Every header a signed request must carry, in the order a person reads them. */
    public static final java.util.List<String> HEADERS = java.util.List.of(KEY_ID, TIMESTAMP, NONCE, CONTENT_SHA256, SIGNATURE);

    public static final String EMPTY_SHA256 = contentSha256(new byte[0]);

    private Signature() {
    }

    public static String canonical(String method, String pathAndQuery, String timestamp, String nonce, String contentSha256) {
        return method.toUpperCase(java.util.Locale.ROOT) + "\n" + pathAndQuery + "\n" + timestamp + "\n" + nonce + "\n" + contentSha256;
    }

    /** The request-line target as signed: the raw path, then {@code ?query} when the query is not empty. */
    public static String pathAndQuery(String rawPath, String rawQuery) {
        String path = rawPath == null || rawPath.isEmpty() ? "/" : rawPath;
        return rawQuery == null || rawQuery.isEmpty() ? path : path + "?" + rawQuery;
    }

    public static String sign(byte[] secret, String method, String pathAndQuery, String timestamp, String nonce, String contentSha256) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            byte[] tag = mac.doFinal(canonical(method, pathAndQuery, timestamp, nonce, contentSha256).getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(tag);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }

    /** Compares in constant time, so that the answer's timing says nothing about how much of a forgery was right. */
    public static boolean matches(String expected, String presented) {
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII), presented.getBytes(StandardCharsets.US_ASCII));
    }

    public static String contentSha256(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body == null ? new byte[0] : body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
