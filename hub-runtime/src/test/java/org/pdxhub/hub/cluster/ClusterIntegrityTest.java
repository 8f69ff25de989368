package org.pdxhub.hub.cluster;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.pdxhub.hub.node.HubConfig;
import org.pdxhub.hub.node.StartupRefused;

import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The platform key and its tags, without a node: what a key must be, and what a tag binds. */
class ClusterIntegrityTest {

    static final String OWN_KEY = "base64:" + Base64.getEncoder().encodeToString("a-platform-key-of-its-own-32-bytes!".getBytes(StandardCharsets.US_ASCII));

    @Test
    void theDemoKeyIsRefusedOutsideTheDemoConfiguration() {
        ClusterIntegrity integrity = integrity("base64:ZGVtby1jbHVzdGVyLWludGVncml0eS1rZXktZ2FuemktcGxhdGZvcm0tMjAyNg==", false);
        StartupRefused refused = assertThrows(StartupRefused.class, () -> integrity.refuseTheDemoKeyOutsideTheDemo());
        assertEquals("pdx.cluster.integrity-key", refused.key());

        integrity("base64:ZGVtby1jbHVzdGVyLWludGVncml0eS1rZXktZ2FuemktcGxhdGZvcm0tMjAyNg==", true).refuseTheDemoKeyOutsideTheDemo();
        integrity(OWN_KEY, false).refuseTheDemoKeyOutsideTheDemo();
    }

    @Test
    void aRealNodeWithoutAKeyIsRefusedAndTheDemoFallsBackToTheDemoKey() {
        StartupRefused refused = assertThrows(StartupRefused.class, () -> integrity(null, false));
        assertEquals("pdx.cluster.integrity-key", refused.key());
        String demoSealed = integrity(null, true).seal("pdx.catalog", "A-001", "v");
        assertEquals(Optional.of("v"), integrity("base64:ZGVtby1jbHVzdGVyLWludGVncml0eS1rZXktZ2FuemktcGxhdGZvcm0tMjAyNg==", true)
                .open("pdx.catalog", "A-001", demoSealed));
    }

    @Test
    void aKeyShorterThan32BytesIsRefused() {
        StartupRefused refused = assertThrows(StartupRefused.class, () -> integrity("short-key-of-31-bytes-123456789", false));
        assertTrue(refused.getMessage().contains("at least 32 bytes"), refused.getMessage());
    }

    @Test
    void aTagHoldsOnlyForItsMapItsKeyAndItsValueUnderThePlatformsKey() {
        ClusterIntegrity integrity = integrity(OWN_KEY, false);
        String sealed = integrity.seal("pdx.catalog", "A-001", "{\"code\":\"A-001\"}");

        assertEquals(Optional.of("{\"code\":\"A-001\"}"), integrity.open("pdx.catalog", "A-001", sealed));
        assertTrue(integrity.open("pdx.catalog", "B-001", sealed).isEmpty(), "moved to another key");
        assertTrue(integrity.open("pdx.other", "A-001", sealed).isEmpty(), "moved to another map");
        assertTrue(integrity.open("pdx.catalog", "A-001", sealed.replace("A-001\"}", "A-002\"}")).isEmpty(), "value changed");
        assertTrue(integrity.open("pdx.catalog", "A-001", "{\"code\":\"A-001\"}").isEmpty(), "no tag");
        assertTrue(integrity.open("pdx.catalog", "A-001", "pdx1.").isEmpty(), "a tag cut short");
        String otherKey = "base64:" + Base64.getEncoder().encodeToString("another-platform-key-of-32-bytes!!".getBytes(StandardCharsets.US_ASCII));
        assertTrue(integrity(otherKey, false).open("pdx.catalog", "A-001", sealed).isEmpty(), "another platform's key");
    }

    static ClusterIntegrity integrity(String key, boolean demo) {
        ClusterIntegrity integrity = new ClusterIntegrity();
        integrity.config = new ClusterSecurityConfig() {
            @Override
            public Optional<String> integrityKey() {
                return Optional.ofNullable(key);
            }

            @Override
            public boolean clientsEnabled() {
                return false;
            }

            @Override
            public Optional<Integer> clientPort() {
                return Optional.empty();
            }
        };
        integrity.hub = (HubConfig) Proxy.newProxyInstance(HubConfig.class.getClassLoader(), new Class<?>[]{HubConfig.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("demo")) {
                        return demo;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
        integrity.metrics = new SimpleMeterRegistry();
        integrity.decode();
        return integrity;
    }
}
