package org.pdxhub.hub.audit;

import org.bouncycastle.crypto.digests.SM3Digest;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.params.KeyParameter;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * One way of sealing usage-log entries: a MAC under a key that is not in the store, named by
 * {@link #id()} ({@code hmac-sha256:<key id>}), which each entry records so that a chain written
 * under an older key or before sealing existed still verifies. Thread-safe; no CDI, so that the
 * bench can seal a chain with the node's own code.
 */
public final class Seal {

    /** The MACs a chain may be sealed with; both give 32 bytes, 64 hex characters as the hash column holds. */
    public enum Algorithm {
        /** The JDK's HMAC over SHA-256: hardware-assisted on current CPUs, no provider needed. */
        HMAC_SHA256("hmac-sha256"),
        /** HMAC over SM3 (GB/T 32905), BouncyCastle's, for platforms that must use the national algorithms. */
        HMAC_SM3("hmac-sm3");

        final String tag;

        Algorithm(String tag) {
            this.tag = tag;
        }
    }

    /** The seal of entries written before sealing: plain SHA-256, no key. */
    public static final String LEGACY = "sha256";

    private final Algorithm algorithm;
    private final String keyId;
    private final ThreadLocal<MacFunction> mac;

    @FunctionalInterface
    private interface MacFunction {
        byte[] mac(byte[] data);
    }

    public Seal(Algorithm algorithm, byte[] key) {
        this.algorithm = algorithm;
        byte[] copy = key.clone();
        this.mac = ThreadLocal.withInitial(() -> function(algorithm, copy));
        this.keyId = HexFormat.of().formatHex(function(Algorithm.HMAC_SHA256, copy)
                .mac("pdx usage-log key id".getBytes(StandardCharsets.UTF_8))).substring(0, 12);
    }

    /** What an entry sealed with this records: algorithm and key id, never the key. */
    public String id() {
        return algorithm.tag + ":" + keyId;
    }

    public String keyId() {
        return keyId;
    }

    public Algorithm algorithm() {
        return algorithm;
    }

    /** The MAC of a text, hex. */
    public String seal(String text) {
        return HexFormat.of().formatHex(mac.get().mac(text.getBytes(StandardCharsets.UTF_8)));
    }

    /** Plain SHA-256, hex: the hash of entries written before sealing. */
    public static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Compares two hex MACs in time independent of where they differ. */
    public static boolean same(String a, String b) {
        return a != null && b != null && MessageDigest.isEqual(a.getBytes(StandardCharsets.US_ASCII), b.getBytes(StandardCharsets.US_ASCII));
    }

    private static MacFunction function(Algorithm algorithm, byte[] key) {
        if (algorithm == Algorithm.HMAC_SM3) {
            HMac hmac = new HMac(new SM3Digest());
            hmac.init(new KeyParameter(key));
            return data -> {
                hmac.update(data, 0, data.length);
                byte[] out = new byte[hmac.getMacSize()];
                hmac.doFinal(out, 0);
                return out;
            };
        }
        try {
            Mac jdk = Mac.getInstance("HmacSHA256");
            jdk.init(new SecretKeySpec(key, "HmacSHA256"));
            return jdk::doFinal;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this JDK", e);
        }
    }
}
