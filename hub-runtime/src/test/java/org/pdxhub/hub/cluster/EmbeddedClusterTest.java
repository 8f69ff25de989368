package org.pdxhub.hub.cluster;

import com.hazelcast.client.HazelcastClient;
import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.core.HazelcastInstance;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Members started as a node starts its own, without the node: clients only where an operator
 * opened a client port for them, and never on the member port.
 */
class EmbeddedClusterTest {

    /** Ports of their own, above the test node's member ports (ListedMembers uses up to +3). */
    static final int MEMBER_PORT = ListedMembers.NODE_PORT + 6;
    static final int CLIENT_PORT = ListedMembers.NODE_PORT + 7;

    @Test
    void clientsConnectOnlyToAClientPortThatWasOpenedForThem() {
        HazelcastInstance member = EmbeddedCluster.start(new EmbeddedCluster.MemberSettings("clients-test", "clients-test", "127.0.0.1",
                MEMBER_PORT, List.of(), Optional.of(CLIENT_PORT), "token"));
        try {
            member.getMap("reference").set("a", "b");
            assertThrows(IllegalStateException.class, () -> HazelcastClient.newHazelcastClient(client(MEMBER_PORT)), "the member port takes no client");
            HazelcastInstance client = HazelcastClient.newHazelcastClient(client(CLIENT_PORT));
            try {
                assertEquals("b", client.getMap("reference").get("a"));
            } finally {
                client.shutdown();
            }
        } finally {
            member.shutdown();
        }
    }

    private static ClientConfig client(int port) {
        ClientConfig config = new ClientConfig().setClusterName("clients-test");
        config.setProperty("hazelcast.logging.type", "jdk");
        config.getNetworkConfig().addAddress("127.0.0.1:" + port);
        config.getConnectionStrategyConfig().getConnectionRetryConfig().setClusterConnectTimeoutMillis(3000);
        return config;
    }
}
