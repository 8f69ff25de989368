package org.pdxhub.hub.signing;

import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.pdxhub.hub.access.Caller;
import org.pdxhub.hub.node.HubConfig;
import org.pdxhub.hub.node.StartupRefused;
import org.pdxhub.plugin.IdentifierCheck;
import org.pdxhub.plugin.Registry;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The signing keys of {@link SigningConfig}, decoded and checked once at start: a short or
 * malformed secret, a bad USCC, a key without roles or a demo secret outside the demo
 * configuration stops start-up naming the key.
 */
@Singleton
public class SigningKeys {

    static final int MIN_SECRET_BYTES = 32;

    /** The secrets of the demo configurations; a real node refuses to start with any of them. */
    static final List<String> DEMO_SECRETS = List.of(
            "demo-signing-kangding-county-at-ganzi-2026",
            "demo-signing-ganzi-prefecture-at-kangding-2026",
            "demo-signing-psb-population-system-2026");

    /** A key a caller signs with, and who a request signed with it acts as. */
    public record Inbound(String keyId, byte[] secret, Caller caller) {
    }

    /** The key this node signs with towards one peer, and how it retries there. */
    public record Outbound(String peerId, String keyId, byte[] secret, SigningConfig.Peer settings) {
    }

    @Inject
    SigningConfig config;

    @Inject
    HubConfig hub;

    @Inject
    Registry<IdentifierCheck> identifierChecks;

    private final Map<String, Inbound> inbound = new HashMap<>();
    private final Map<String, Outbound> outbound = new HashMap<>();

    @PostConstruct
    void decode() {
        if (config.clockSkew().isNegative() || config.clockSkew().isZero()) {
            throw new StartupRefused("pdx.signing.clock-skew", "must be a positive duration, e.g. 300s");
        }
        config.keys().forEach((id, key) -> {
            String prefix = "pdx.signing.keys." + id;
            byte[] secret = secret(prefix + ".secret", key.secret());
            identifierChecks.get("uscc").problem(key.organisation()).ifPresent(problem -> {
                throw new StartupRefused(prefix + ".organisation", "'" + key.organisation()
                        + "' is not a valid unified social credit code (" + problem + ")");
            });
            if (key.roles().isEmpty()) {
                throw new StartupRefused(prefix + ".roles", "name at least one role (ADMIN, REVIEWER, SPECIALIST, SYSTEM)");
            }
            inbound.put(id, new Inbound(id, secret, new Caller(id, key.organisation(), key.person().orElse(id), key.roles())));
        });
        config.peers().forEach((id, peer) -> {
            String prefix = "pdx.signing.peers." + id;
            if (peer.keyId().isBlank()) {
                throw new StartupRefused(prefix + ".key-id", "name the key id the peer issued to this node");
            }
            if (peer.attempts() < 1) {
                throw new StartupRefused(prefix + ".attempts", "must be at least 1 (the first attempt counts)");
            }
            if (peer.initialBackoff().isNegative() || peer.maxBackoff().compareTo(peer.initialBackoff()) < 0) {
                throw new StartupRefused(prefix + ".max-backoff", "must be at least initial-backoff, and neither negative");
            }
            outbound.put(id, new Outbound(id, peer.keyId(), secret(prefix + ".secret", peer.secret()), peer));
        });
    }

    public Optional<Inbound> inbound(String keyId) {
        return Optional.ofNullable(inbound.get(keyId));
    }

    public Optional<Outbound> outbound(String peerId) {
        return Optional.ofNullable(outbound.get(peerId));
    }

    public java.time.Duration clockSkew() {
        return config.clockSkew();
    }

    private byte[] secret(String name, String value) {
        byte[] secret;
        if (value.startsWith("base64:")) {
            try {
                secret = Base64.getDecoder().decode(value.substring("base64:".length()));
            } catch (IllegalArgumentException e) {
                throw new StartupRefused(name, "is not valid base64");
            }
        } else {
            secret = value.getBytes(StandardCharsets.UTF_8);
        }
        if (secret.length < MIN_SECRET_BYTES) {
            throw new StartupRefused(name, "a signing secret must be at least " + MIN_SECRET_BYTES + " bytes, this one has "
                    + secret.length + " (make one with: openssl rand -base64 32, and write it as base64:...)");
        }
        if (!hub.demo() && DEMO_SECRETS.stream().anyMatch(d -> Arrays.equals(d.getBytes(StandardCharsets.UTF_8), secret))) {
            throw new StartupRefused(name, "is a well-known demo secret, which only the demo configuration may use: set a secret of your own");
        }
        return secret;
    }
}
