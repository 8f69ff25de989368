package org.pdxhub.hub.messaging;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.pdxhub.hub.testing.NodeProcess;
import org.pdxhub.hub.testing.TestCertificates;

import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;

/**
 * A test CA with certificates for the node, a department system and its parent's broker, and that
 * parent broker itself: plain Artemis that accepts only TLS with a CA-signed client certificate,
 * so that a bridge that delivers there has presented the node's certificate.
 */
public class TlsPeers implements QuarkusTestResourceLifecycleManager {

    static final String PARENT_LINK = "tls-parent";

    private EmbeddedActiveMQ parent;

    @Override
    public Map<String, String> start() {
        try {
            Path dir = Path.of("target", "tls-test", UUID.randomUUID().toString()).toAbsolutePath();
            TestCertificates ca = TestCertificates.authority(dir);
            Path node = ca.issue("node", "CN=test-node, OU=11513300MB0000001E, O=PDX test");
            Path parentStore = ca.issue("parent", "CN=tls-parent, OU=11510000MB0000001R, O=PDX test");
            ca.issue("psb-system", "CN=psb-population-system, OU=" + DepartmentSystem.PSB + ", O=PDX test");
            Path rogue = ca.selfSigned("rogue", "CN=psb-population-system, OU=" + DepartmentSystem.PSB + ", O=Not the CA");
            int parentPort = NodeProcess.freePort();
            String tls = "sslEnabled=true;needClientAuth=true;keyStoreType=PKCS12;keyStorePath=" + parentStore
                    + ";keyStorePassword=" + TestCertificates.PASSWORD + ";trustStoreType=PKCS12;trustStorePath=" + ca.trustStore()
                    + ";trustStorePassword=" + TestCertificates.PASSWORD;
            parent = new EmbeddedActiveMQ().setConfiguration(new ConfigurationImpl()
                    .setName("tls-parent")
                    .setPersistenceEnabled(false)
                    .setSecurityEnabled(false)
                    .addAcceptorConfiguration("tls", "tcp://127.0.0.1:" + parentPort + "?protocols=CORE;" + tls)
                    .addQueueConfiguration(QueueConfiguration.of(Addresses.LINK_IN).setRoutingType(RoutingType.ANYCAST)));
            parent.start();
            return Map.ofEntries(
                    Map.entry("pdx.broker.tls.enabled", "true"),
                    Map.entry("pdx.broker.tls.plain-acceptors", "false"),
                    Map.entry("pdx.broker.tls.core-port", Integer.toString(NodeProcess.freePort())),
                    Map.entry("pdx.broker.tls.amqp-port", Integer.toString(NodeProcess.freePort())),
                    Map.entry("pdx.broker.tls.key-store", node.toString()),
                    Map.entry("pdx.broker.tls.key-store-password", TestCertificates.PASSWORD),
                    Map.entry("pdx.broker.tls.trust-store", ca.trustStore().toString()),
                    Map.entry("pdx.broker.tls.trust-store-password", TestCertificates.PASSWORD),
                    Map.entry("pdx.node.parent.id", PARENT_LINK),
                    Map.entry("pdx.node.parent.address", "tcp://127.0.0.1:" + parentPort + "?sslEnabled=true"),
                    Map.entry("pdx.node.parent.organisation", "11510000MB0000001R"),
                    Map.entry("pdx.node.parent.key", "link-test-to-parent"),
                    // The HTTP interface: HTTPS only, with client certificates, from the TLS registry's default configuration;
                    // SignedClient presents the same key store to https peers and trusts the same CA.
                    Map.entry("quarkus.tls.key-store.p12.path", node.toString()),
                    Map.entry("quarkus.tls.key-store.p12.password", TestCertificates.PASSWORD),
                    Map.entry("quarkus.tls.trust-store.p12.path", ca.trustStore().toString()),
                    Map.entry("quarkus.tls.trust-store.p12.password", TestCertificates.PASSWORD),
                    Map.entry("quarkus.tls.foreign.trust-store.p12.path", rogue.toString()),
                    Map.entry("quarkus.tls.foreign.trust-store.p12.password", TestCertificates.PASSWORD),
                    Map.entry("quarkus.http.test-ssl-port", Integer.toString(NodeProcess.freePort())),
                    Map.entry("quarkus.http.insecure-requests", "disabled"),
                    Map.entry("pdx.signing.peers.tls-foreign.key-id", "kangding-county"),
                    Map.entry("pdx.signing.peers.tls-foreign.secret", "base64:ZGVtby1zaWduaW5nLWthbmdkaW5nLWNvdW50eS1hdC1nYW56aS0yMDI2"),
                    Map.entry("pdx.signing.peers.tls-foreign.tls-configuration-name", "foreign"),
                    Map.entry("pdx.signing.peers.tls-foreign.attempts", "1"),
                    Map.entry("tls-test.dir", dir.toString()),
                    Map.entry("tls-test.parent-port", Integer.toString(parentPort)));
        } catch (Exception e) {
            throw new IllegalStateException("the TLS test peers did not start: " + e.getMessage(), e);
        }
    }

    @Override
    public void stop() {
        if (parent != null) {
            try {
                parent.stop();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
