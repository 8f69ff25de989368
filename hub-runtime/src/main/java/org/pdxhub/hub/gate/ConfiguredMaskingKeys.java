package org.pdxhub.hub.gate;

import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.pdxhub.hub.node.StartupRefused;
import org.pdxhub.plugin.MaskingKeys;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/** Masking secrets decoded once from {@link MaskingConfig}; a bad one stops start-up, naming its key. */
@Singleton
public class ConfiguredMaskingKeys implements MaskingKeys {

    @Inject
    MaskingConfig config;

    private byte[] pseudonymSecret;
    private final Map<String, byte[]> keys = new HashMap<>();

    @PostConstruct
    void decode() {
        pseudonymSecret = decode("pdx.masking.pseudonym-secret", config.pseudonymSecret());
        if (pseudonymSecret.length < 16) {
            throw new StartupRefused("pdx.masking.pseudonym-secret", "the pseudonym secret must be at least 16 bytes");
        }
        config.keys().forEach((id, value) -> {
            byte[] key = decode("pdx.masking.keys." + id, value);
            if (key.length != 16) {
                throw new StartupRefused("pdx.masking.keys." + id, "an encryption key must be 16 bytes (base64: of 16 bytes), this one has " + key.length);
            }
            keys.put(id, key);
        });
    }

    @Override
    public byte[] pseudonymSecret() {
        return pseudonymSecret.clone();
    }

    @Override
    public byte[] encryptionKey(String keyId) {
        byte[] key = keys.get(keyId);
        return key == null ? null : key.clone();
    }

    private static byte[] decode(String name, String value) {
        if (value.startsWith("base64:")) {
            try {
                return Base64.getDecoder().decode(value.substring("base64:".length()));
            } catch (IllegalArgumentException e) {
                throw new StartupRefused(name, "is not valid base64");
            }
        }
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
