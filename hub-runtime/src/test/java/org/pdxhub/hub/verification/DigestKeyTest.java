package org.pdxhub.hub.verification;

import org.junit.jupiter.api.Test;
import org.pdxhub.hub.node.HubConfig;
import org.pdxhub.hub.node.StartupRefused;

import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The digest key from the side of one who deploys a node with the demo's, or none. */
class DigestKeyTest {

    @Test
    void aNodeOutsideTheDemoWithoutADigestKeyRefusesToStartNamingTheSetting() {
        StartupRefused refused = assertThrows(StartupRefused.class, () -> key(false, null).decode());
        assertEquals("pdx.verify.digest-key", refused.key());
        assertTrue(refused.getMessage().contains("openssl rand -base64 32"), refused.getMessage());
    }

    @Test
    void theDemoKeyIsRefusedOutsideTheDemo() {
        String demo = "base64:" + Base64.getEncoder().encodeToString(DigestKey.DEMO_KEY.getBytes(StandardCharsets.UTF_8));
        StartupRefused refused = assertThrows(StartupRefused.class, () -> key(false, demo).decode());
        assertTrue(refused.getMessage().contains("demo key"), refused.getMessage());
        key(true, demo).decode();
    }

    @Test
    void aShortOrUnencodedKeyIsRefused() {
        assertThrows(StartupRefused.class, () -> key(false, "base64:" + Base64.getEncoder().encodeToString(new byte[16])).decode());
        assertThrows(StartupRefused.class, () -> key(false, "a-password").decode());
    }

    @Test
    void twoNodesWithDifferentKeysDigestTheSameValueDifferently() {
        DigestKey a = key(false, "base64:" + Base64.getEncoder().encodeToString("a-key-of-the-first-node-32-bytes-long".getBytes(StandardCharsets.UTF_8)));
        DigestKey b = key(false, "base64:" + Base64.getEncoder().encodeToString("a-key-of-the-other-node-32-bytes-long".getBytes(StandardCharsets.UTF_8)));
        a.decode();
        b.decode();
        assertNotEquals(a.digest("R", "person_name", "卓玛"), b.digest("R", "person_name", "卓玛"));
        assertNotEquals(a.digest("R", "person_name", "卓玛"), a.digest("R", "mother_name", "卓玛"));
    }

    private static DigestKey key(boolean demo, String value) {
        DigestKey k = new DigestKey();
        k.hub = (HubConfig) Proxy.newProxyInstance(HubConfig.class.getClassLoader(), new Class<?>[]{HubConfig.class},
                (p, m, args) -> m.getName().equals("demo") ? demo : null);
        k.config = (VerifyConfig) Proxy.newProxyInstance(VerifyConfig.class.getClassLoader(), new Class<?>[]{VerifyConfig.class},
                (p, m, args) -> m.getName().equals("digestKey") ? Optional.ofNullable(value) : null);
        return k;
    }
}
