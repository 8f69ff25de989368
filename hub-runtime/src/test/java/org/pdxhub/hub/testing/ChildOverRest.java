package org.pdxhub.hub.testing;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.Map;

import static org.pdxhub.hub.testing.DemoKeys.PSB;

/**
 * A node with one child, {@code luding-county}, linked over REST and served by the public security
 * bureau's organisation, whose system key ({@code demo-system}) signs the child's calls to
 * {@code POST /api/v1/links/in}. Nothing is sent down to it: its address answers nothing.
 */
public class ChildOverRest implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("pdx.node.children[0].id", "luding-county",
                "pdx.node.children[0].address", "http://127.0.0.1:9359",
                "pdx.node.children[0].organisation", PSB,
                "pdx.node.children[0].organisations", PSB,
                // Links over REST sign their calls; nothing is sent down in these tests.
                "pdx.signing.peers.luding-county.key-id", "stub-key",
                "pdx.signing.peers.luding-county.secret", "base64:c3R1Yi1wZWVyLXNlY3JldC1mb3ItcmV0cnktdGVzdHMtMDE=");
    }
}
