package org.pdxhub.hub.messaging;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

import java.nio.file.Path;
import java.util.Optional;

/**
 * TLS on the embedded broker's acceptors and on the bridges to other nodes' brokers. The key
 * store holds this node's certificate and key (it is the server certificate of the acceptors
 * and the client certificate of the bridges); the trust store holds the CA that signs the
 * certificates of the department systems and of the other nodes.
 */
@ConfigMapping(prefix = "pdx.broker.tls")
public interface BrokerTlsConfig {

    /** TLS acceptors on {@link #corePort()} and {@link #amqpPort()}. */
    @WithDefault("false")
    boolean enabled();

    /** The TLS acceptor for CORE clients and bridges. */
    @WithName("core-port")
    @WithDefault("61617")
    int corePort();

    /** The TLS acceptor for AMQP 1.0 clients (5671 is AMQPS's registered port). */
    @WithName("amqp-port")
    @WithDefault("5671")
    int amqpPort();

    /**
     * Keep the plain acceptors on {@code pdx.broker.core-port} and {@code amqp-port} next to the TLS
     * ones. Set false in production, so that no key travels in clear.
     */
    @WithName("plain-acceptors")
    @WithDefault("true")
    boolean plainAcceptors();

    /** PKCS12 file with this node's certificate (chain) and private key. */
    @WithName("key-store")
    Optional<Path> keyStore();

    @WithName("key-store-password")
    Optional<String> keyStorePassword();

    /** PKCS12 file with the CA certificate(s) a peer's certificate must be signed by. */
    @WithName("trust-store")
    Optional<Path> trustStore();

    @WithName("trust-store-password")
    Optional<String> trustStorePassword();

    /** Whether a client must present a certificate signed by the trust store's CA. */
    @WithName("client-auth")
    @WithDefault("required")
    ClientAuth clientAuth();

    /**
     * A presented client certificate must name the organisation that logs in: one attribute of its
     * subject (CN, O, OU, serialNumber or organizationIdentifier) equal to the USCC. So a
     * department's certificate cannot carry another organisation's stolen key.
     */
    @WithName("certificate-names-user")
    @WithDefault("true")
    boolean certificateNamesUser();

    enum ClientAuth {
        /** The TLS handshake fails without a CA-signed client certificate. */
        REQUIRED,
        /** A client certificate is asked for and checked when given; a key alone also logs in. */
        OPTIONAL,
        /** No client certificate is asked for. */
        NONE
    }
}
