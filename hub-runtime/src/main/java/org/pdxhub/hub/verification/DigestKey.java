package org.pdxhub.hub.verification;

import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.pdxhub.hub.node.HubConfig;
import org.pdxhub.hub.node.StartupRefused;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Base64;

/**
 * The secret of {@code pdx.verify.digest-key}, decoded and checked once at start. A digest under
 * it is what lets verification answer MATCH on an item the store holds masked: a store reader who
 * has the digest column but not this key cannot try the 10^9 or so plausible citizen IDs of a
 * prefecture against it, as he could against a plain hash.
 */
@Singleton
public class DigestKey {

    static final String SETTING = "pdx.verify.digest-key";
    static final int MIN_KEY_BYTES = 32;
    static final String DEMO_KEY = "demo-verification-digest-key-ganzi-platform-2026";
    private static final String ALGORITHM = "HmacSHA256";

    @Inject
    VerifyConfig config;

    @Inject
    HubConfig hub;

    private SecretKeySpec key;

    @PostConstruct
    void decode() {
        byte[] bytes = config.digestKey().map(this::decode).orElse(null);
        if (bytes == null) {
            if (!hub.demo()) {
                throw new StartupRefused(SETTING, "set the node's key for the digests of verifiable items (base64: of at least "
                        + MIN_KEY_BYTES + " bytes; make one with: openssl rand -base64 32; PDX_VERIFY_DIGEST_KEY); keep it out of the"
                        + " store and apart from the usage-log key: without it, verification answers UNKNOWN for items held masked");
            }
            bytes = DEMO_KEY.getBytes(StandardCharsets.UTF_8);
        }
        key = new SecretKeySpec(bytes, ALGORITHM);
    }

    /** Called by the start-up's secrets step, so that a wrong key stops the node before it takes traffic. */
    public void refuseAMissingOrDemoKeyOutsideTheDemo() {
        if (key == null) {
            decode();
        }
    }

    /** The digest of one item's value, bound to the resource and item so that equal values of two items differ. */
    String digest(String resourceCode, String item, String normalisedValue) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            mac.update(resourceCode.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            mac.update(item.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            return Base64.getEncoder().withoutPadding().encodeToString(mac.doFinal(normalisedValue.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(ALGORITHM + " is not available", e);
        }
    }

    private byte[] decode(String value) {
        if (!value.startsWith("base64:")) {
            throw new StartupRefused(SETTING, "write the key as base64:... (make one with: openssl rand -base64 32)");
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(value.substring("base64:".length()).strip());
        } catch (IllegalArgumentException e) {
            throw new StartupRefused(SETTING, "is not valid base64");
        }
        if (bytes.length < MIN_KEY_BYTES) {
            throw new StartupRefused(SETTING, "the digest key must be at least " + MIN_KEY_BYTES + " bytes, this one has " + bytes.length
                    + " (make one with: openssl rand -base64 32)");
        }
        if (!hub.demo() && Arrays.equals(DEMO_KEY.getBytes(StandardCharsets.UTF_8), bytes)) {
            throw new StartupRefused(SETTING, "is the well-known demo key, which only the demo configuration may use: set a key of your own");
        }
        return bytes;
    }
}
