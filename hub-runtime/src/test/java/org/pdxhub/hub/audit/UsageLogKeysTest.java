package org.pdxhub.hub.audit;

import org.junit.jupiter.api.Test;
import org.pdxhub.hub.node.HubConfig;
import org.pdxhub.hub.node.StartupRefused;

import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The usage-log key is checked at start, like the signing secrets: named setting, what to change. */
class UsageLogKeysTest {

    static final String DEMO_KEY = "base64:" + Base64.getEncoder().encodeToString(
            "demo-usage-log-key-ganzi-platform-2026".getBytes(StandardCharsets.UTF_8));
    static final String OWN_KEY = "base64:" + Base64.getEncoder().encodeToString(new byte[]{
            1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32});

    @Test
    void aNodeOutsideTheDemoRefusesTheDemoKey() {
        StartupRefused refused = assertThrows(StartupRefused.class, () -> keys(DEMO_KEY, false, Seal.Algorithm.HMAC_SHA256));
        assertEquals("pdx.usage-log.key", refused.key());
        assertTrue(refused.getMessage().contains("demo key"), refused.getMessage());
    }

    @Test
    void theDemoConfigurationMayUseTheDemoKey() {
        assertTrue(keys(DEMO_KEY, true, Seal.Algorithm.HMAC_SHA256).current().id().startsWith("hmac-sha256:"));
    }

    @Test
    void aShortKeyIsRefusedWithHowToMakeOne() {
        StartupRefused refused = assertThrows(StartupRefused.class,
                () -> keys("base64:" + Base64.getEncoder().encodeToString(new byte[16]), false, Seal.Algorithm.HMAC_SHA256));
        assertTrue(refused.getMessage().contains("openssl rand -base64 32"), refused.getMessage());
    }

    @Test
    void aNodeWithoutAKeyDoesNotStart() {
        StartupRefused refused = assertThrows(StartupRefused.class, () -> keys(null, false, Seal.Algorithm.HMAC_SHA256));
        assertEquals("pdx.usage-log.key", refused.key());
    }

    @Test
    void theSameKeyUnderSm3SealsDifferentlyButKeepsItsId() {
        Seal sha = keys(OWN_KEY, false, Seal.Algorithm.HMAC_SHA256).current();
        Seal sm3 = keys(OWN_KEY, false, Seal.Algorithm.HMAC_SM3).current();
        assertEquals(sha.keyId(), sm3.keyId());
        assertNotEquals(sha.seal("entry"), sm3.seal("entry"));
        assertEquals(64, sm3.seal("entry").length());
    }

    private static UsageLogKeys keys(String key, boolean demo, Seal.Algorithm algorithm) {
        UsageLogKeys keys = new UsageLogKeys();
        keys.hub = stub(HubConfig.class, Map.of("demo", demo));
        keys.config = stub(UsageLogConfig.class, Map.of("key", Optional.ofNullable(key), "keyFile", Optional.empty(),
                "algorithm", algorithm, "retiredKeys", Map.of()));
        keys.decode();
        return keys;
    }

    @SuppressWarnings("unchecked")
    private static <T> T stub(Class<T> type, Map<String, Object> answers) {
        return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[]{type}, (proxy, method, args) -> {
            if (!answers.containsKey(method.getName())) {
                throw new UnsupportedOperationException(method.getName());
            }
            return answers.get(method.getName());
        });
    }
}
