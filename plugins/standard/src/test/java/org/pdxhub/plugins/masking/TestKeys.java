package org.pdxhub.plugins.masking;

import org.pdxhub.plugin.FieldMasker;
import org.pdxhub.plugin.MaskRule;
import org.pdxhub.plugin.MaskingKeys;
import org.pdxhub.plugin.MaskingStrategy;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Keys as a node's configuration would give them, and the compiling of rules as written. */
record TestKeys(byte[] pseudonymSecret, Map<String, byte[]> encryptionKeys) implements MaskingKeys {

    static final TestKeys PLATFORM = new TestKeys(bytes("platform-secret-of-ganzi-2025"),
            Map.of("k1", bytes("0123456789abcdef"), "k2", bytes("fedcba9876543210"), "short", bytes("15-bytes-only!!")));

    static TestKeys withSecret(String secret) {
        return new TestKeys(bytes(secret), PLATFORM.encryptionKeys);
    }

    @Override
    public byte[] encryptionKey(String keyId) {
        return encryptionKeys.get(keyId);
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Compiles {@code rule} as a profile writes it, checking it names {@code strategy}. */
    static FieldMasker compile(MaskingStrategy strategy, String rule, MaskingKeys keys) {
        MaskRule parsed = MaskRule.parse(rule);
        assertEquals(strategy.name(), parsed.strategy());
        return strategy.compile(parsed.args(), keys);
    }

    static FieldMasker compile(MaskingStrategy strategy, String rule) {
        return compile(strategy, rule, PLATFORM);
    }
}
