package org.pdxhub.hub.signing;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import org.pdxhub.hub.access.Role;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Signed requests on the REST interface: the keys others sign with when they call this node,
 * and the keys this node signs with when it calls a peer. Secrets come from configuration or
 * the environment only; API keys are kept in the store as SHA-256 digests, which are never
 * used as HMAC secrets, so a copy of the store signs nothing.
 */
@ConfigMapping(prefix = "pdx.signing")
public interface SigningConfig {

    /**
     * How far a request's {@code Pdx-Timestamp} may be from this node's clock, either way.
     * Nonces are remembered for a little over twice this, so a replay is refused for as long
     * as its timestamp would be accepted.
     */
    @WithName("clock-skew")
    @WithDefault("300s")
    Duration clockSkew();

    /** Keys that callers sign with, by the key id they send as {@code Pdx-Key-Id}. */
    Map<String, InboundKey> keys();

    /** Keys this node signs with, by the link id of the peer it calls (a parent's or child's id). */
    Map<String, Peer> peers();

    interface InboundKey {
        /** The shared secret, {@code base64:...} (at least 32 bytes) or plain text of at least 32 bytes. */
        String secret();

        /** USCC of the organisation a request signed with this key acts for. */
        String organisation();

        /** What the key may do, as with an API key (access.Role names). */
        Set<Role> roles();

        /** The person or system holding the key, for the record of who acted; default the key id. */
        Optional<String> person();
    }

    interface Peer {
        /** The key id this node sends as {@code Pdx-Key-Id}, issued by the peer. */
        @WithName("key-id")
        String keyId();

        /** The secret shared with the peer, {@code base64:...} or plain text; at least 32 bytes. */
        String secret();

        /** Longest wait for a connection. */
        @WithName("connect-timeout")
        @WithDefault("5s")
        Duration connectTimeout();

        /** Longest wait for the answer to one attempt. */
        @WithName("request-timeout")
        @WithDefault("30s")
        Duration requestTimeout();

        /** Attempts in all, the first included; retried on IO errors, 5xx and 429 only. */
        @WithDefault("4")
        int attempts();

        /** Wait before the second attempt; doubled for each further one. */
        @WithName("initial-backoff")
        @WithDefault("500ms")
        Duration initialBackoff();

        /** The longest wait between two attempts, a peer's Retry-After included. */
        @WithName("max-backoff")
        @WithDefault("10s")
        Duration maxBackoff();

        /**
         * For an {@code https://} peer: the Quarkus TLS configuration ({@code quarkus.tls.<name>.*}) whose
         * trust store checks the peer's certificate and whose key store, if any, is this node's client
         * certificate; without it the default one ({@code quarkus.tls.*}), else the JVM's trust store.
         */
        @WithName("tls-configuration-name")
        Optional<String> tlsConfigurationName();
    }
}
