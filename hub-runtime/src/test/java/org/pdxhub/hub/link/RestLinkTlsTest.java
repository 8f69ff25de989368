package org.pdxhub.hub.link;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.pdxhub.hub.messaging.BrokerTlsTest;
import org.pdxhub.hub.signing.SignedClient;
import org.pdxhub.hub.testing.TestCertificates;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * REST links and the HTTP interface over TLS (Quarkus TLS registry, HTTPS only, client certificates
 * required): the node's signed client trusts the platform's CA and presents the node's
 * certificate; a caller without a CA-signed certificate, or a client that does not trust the
 * node's CA, gets no answer at all.
 */
@QuarkusTest
@TestProfile(BrokerTlsTest.TlsOnly.class)
public class RestLinkTlsTest {

    @Inject
    SignedClient client;

    @ConfigProperty(name = "quarkus.http.test-ssl-port")
    int httpsPort;

    @ConfigProperty(name = "quarkus.http.test-port")
    int httpPort;

    @ConfigProperty(name = "tls-test.dir")
    Path dir;

    @Test
    void aSignedRequestGoesOverHttpsWithTheNodesCertificate() {
        SignedClient.Response r = client.send("ganzi-prefecture", https(), "GET", "/api/v1/node", null, Map.of());
        assertEquals(200, r.status(), r.text());
    }

    @Test
    void aPeerWhoseCertificateIsNotSignedByTheTrustedCaIsNotSpokenTo() {
        assertThrows(SignedClient.PeerUnreachable.class, () -> client.send("tls-foreign", https(), "GET", "/api/v1/node", null, Map.of()));
    }

    @Test
    void theHttpInterfaceRefusesPlainHttpAndCallersWithoutACertificate() throws Exception {
        assertThrows(ConnectException.class, () -> new Socket("127.0.0.1", httpPort).close(), "insecure requests disabled");
        HttpClient noCertificate = HttpClient.newBuilder().sslContext(context(null)).build();
        HttpRequest request = HttpRequest.newBuilder(https().resolve("/q/health")).build();
        assertThrows(IOException.class, () -> noCertificate.send(request, HttpResponse.BodyHandlers.discarding()));
        HttpClient withCertificate = HttpClient.newBuilder().sslContext(context(dir.resolve("psb-system.p12"))).build();
        assertEquals(200, withCertificate.send(request, HttpResponse.BodyHandlers.discarding()).statusCode());
    }

    private URI https() {
        return URI.create("https://127.0.0.1:" + httpsPort);
    }

    private SSLContext context(Path keyStore) throws Exception {
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(load(dir.resolve("trust.p12")));
        KeyManagerFactory keys = null;
        if (keyStore != null) {
            keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(load(keyStore), TestCertificates.PASSWORD.toCharArray());
        }
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys == null ? null : keys.getKeyManagers(), trust.getTrustManagers(), null);
        return context;
    }

    private static KeyStore load(Path store) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            ks.load(in, TestCertificates.PASSWORD.toCharArray());
        }
        return ks;
    }
}
