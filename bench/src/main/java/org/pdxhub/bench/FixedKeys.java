package org.pdxhub.bench;

import org.pdxhub.plugin.MaskingKeys;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Keys of the right sizes for the keyed strategies; benchmark values only, never a node's. */
public final class FixedKeys implements MaskingKeys {

    public static final String KEY_ID = "bench";

    private final byte[] secret = "pdx-bench-pseudonym-secret-32-by".getBytes(StandardCharsets.US_ASCII);
    private final byte[] key = Arrays.copyOf("pdx-bench-key-16".getBytes(StandardCharsets.US_ASCII), 16);

    @Override
    public byte[] pseudonymSecret() {
        return secret.clone();
    }

    @Override
    public byte[] encryptionKey(String keyId) {
        return KEY_ID.equals(keyId) ? key.clone() : null;
    }
}
