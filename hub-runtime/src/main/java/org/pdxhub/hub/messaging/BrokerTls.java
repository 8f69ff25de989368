package org.pdxhub.hub.messaging;

import org.apache.activemq.artemis.api.core.TransportConfiguration;
import org.apache.activemq.artemis.core.remoting.impl.netty.NettyAcceptorFactory;
import org.apache.activemq.artemis.core.remoting.impl.netty.TransportConstants;
import org.pdxhub.hub.node.StartupRefused;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Artemis transport parameters for TLS from {@link BrokerTlsConfig}: the acceptors' server side
 * and the bridges' client side. Passwords go into the parameter maps, not into URLs, which
 * Artemis may log.
 */
public final class BrokerTls {

    private static final String PKCS12 = "PKCS12";

    /** A TLS acceptor on {@code host:port} for {@code protocols}, asking for client certificates as configured. */
    static TransportConfiguration acceptor(String name, String host, int port, String protocols, BrokerTlsConfig tls) {
        Map<String, Object> params = new HashMap<>();
        params.put(TransportConstants.HOST_PROP_NAME, host);
        params.put(TransportConstants.PORT_PROP_NAME, port);
        params.put(TransportConstants.PROTOCOLS_PROP_NAME, protocols);
        params.put(TransportConstants.SSL_ENABLED_PROP_NAME, true);
        params.put(TransportConstants.KEYSTORE_TYPE_PROP_NAME, PKCS12);
        params.put(TransportConstants.KEYSTORE_PATH_PROP_NAME, tls.keyStore().orElseThrow().toString());
        tls.keyStorePassword().ifPresent(p -> params.put(TransportConstants.KEYSTORE_PASSWORD_PROP_NAME, p));
        tls.trustStore().ifPresent(trust -> {
            params.put(TransportConstants.TRUSTSTORE_TYPE_PROP_NAME, PKCS12);
            params.put(TransportConstants.TRUSTSTORE_PATH_PROP_NAME, trust.toString());
            tls.trustStorePassword().ifPresent(p -> params.put(TransportConstants.TRUSTSTORE_PASSWORD_PROP_NAME, p));
        });
        params.put(TransportConstants.NEED_CLIENT_AUTH_PROP_NAME, tls.clientAuth() == BrokerTlsConfig.ClientAuth.REQUIRED);
        params.put(TransportConstants.WANT_CLIENT_AUTH_PROP_NAME, tls.clientAuth() == BrokerTlsConfig.ClientAuth.OPTIONAL);
        params.put(TransportConstants.AUTO_START, false); // opened once the store is (BrokerAcceptors)
        return new TransportConfiguration(NettyAcceptorFactory.class.getName(), params, name);
    }

    /**
     * A bridge connector's parameters with TLS: this node's key store as client certificate and its
     * trust store for the other broker's, unless the address sets its own. Unchanged when the
     * address does not ask for TLS ({@code sslEnabled=true}).
     *
     * @param setting the configuration key named when the stores are missing
     */
    public static TransportConfiguration connector(TransportConfiguration configured, BrokerTlsConfig tls, String setting) {
        Map<String, Object> params = new HashMap<>(configured.getParams());
        if (!Boolean.parseBoolean(String.valueOf(params.get(TransportConstants.SSL_ENABLED_PROP_NAME)))) {
            return configured;
        }
        if (!params.containsKey(TransportConstants.KEYSTORE_PATH_PROP_NAME)) {
            Path keyStore = tls.keyStore().orElseThrow(() -> new StartupRefused("pdx.broker.tls.key-store", setting + " asks for TLS"
                    + " (sslEnabled=true), so this node needs its certificate for the other broker: a PKCS12 key store"));
            require(keyStore, tls.keyStorePassword(), "pdx.broker.tls.key-store");
            params.put(TransportConstants.KEYSTORE_TYPE_PROP_NAME, PKCS12);
            params.put(TransportConstants.KEYSTORE_PATH_PROP_NAME, keyStore.toString());
            tls.keyStorePassword().ifPresent(p -> params.put(TransportConstants.KEYSTORE_PASSWORD_PROP_NAME, p));
        }
        if (!params.containsKey(TransportConstants.TRUSTSTORE_PATH_PROP_NAME)) {
            Path trustStore = tls.trustStore().orElseThrow(() -> new StartupRefused("pdx.broker.tls.trust-store", setting
                    + " asks for TLS (sslEnabled=true), so this node needs the CA that signed the other broker's certificate:"
                    + " a PKCS12 trust store"));
            require(trustStore, tls.trustStorePassword(), "pdx.broker.tls.trust-store");
            params.put(TransportConstants.TRUSTSTORE_TYPE_PROP_NAME, PKCS12);
            params.put(TransportConstants.TRUSTSTORE_PATH_PROP_NAME, trustStore.toString());
            tls.trustStorePassword().ifPresent(p -> params.put(TransportConstants.TRUSTSTORE_PASSWORD_PROP_NAME, p));
        }
        return new TransportConfiguration(configured.getFactoryClassName(), params, configured.getName());
    }

    /** The stores the TLS acceptors need, opened once at start so that a wrong path or password names its key. */
    static void requireServerStores(BrokerTlsConfig tls) {
        Path keyStore = tls.keyStore().orElseThrow(() -> new StartupRefused("pdx.broker.tls.key-store",
                "TLS is on (pdx.broker.tls.enabled), so the broker needs its certificate and key: a PKCS12 key store"));
        require(keyStore, tls.keyStorePassword(), "pdx.broker.tls.key-store");
        if (tls.clientAuth() != BrokerTlsConfig.ClientAuth.NONE) {
            Path trustStore = tls.trustStore().orElseThrow(() -> new StartupRefused("pdx.broker.tls.trust-store",
                    "client certificates are checked (pdx.broker.tls.client-auth=" + tls.clientAuth().name().toLowerCase()
                            + "), so the broker needs the CA that signs them: a PKCS12 trust store, or client-auth=none"));
            require(trustStore, tls.trustStorePassword(), "pdx.broker.tls.trust-store");
        }
    }

    private static void require(Path store, Optional<String> password, String key) {
        if (!Files.isReadable(store)) {
            throw new StartupRefused(key, store + " cannot be read");
        }
        try (InputStream in = Files.newInputStream(store)) {
            KeyStore.getInstance(PKCS12).load(in, password.map(String::toCharArray).orElse(null));
        } catch (Exception e) {
            throw new StartupRefused(key, store + " is not a PKCS12 store this password opens (" + key + "-password): " + e.getMessage());
        }
    }

    private BrokerTls() {
    }
}
