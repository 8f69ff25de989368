package org.pdxhub.hub.audit;

import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.pdxhub.hub.node.HubConfig;
import org.pdxhub.hub.node.StartupRefused;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The usage-log key of {@link UsageLogConfig}, decoded and checked once at start: a missing,
 * short or malformed key, or the demo key outside the demo configuration, stops start-up naming
 * the setting. Retired keys still verify what they sealed; only the current one seals.
 */
@Singleton
public class UsageLogKeys {

    static final int MIN_KEY_BYTES = 32;

    /** The key of the demo configurations; a real node refuses to start with it. */
    static final List<String> DEMO_KEYS = List.of("demo-usage-log-key-ganzi-platform-2026");

    @Inject
    UsageLogConfig config;

    @Inject
    HubConfig hub;

    private Seal current;
    private final Map<String, Seal> bySealId = new HashMap<>();

    @PostConstruct
    void decode() {
        String name = config.key().isPresent() ? "pdx.usage-log.key" : "pdx.usage-log.key-file";
        String text = config.key().or(() -> config.keyFile().map(f -> {
            try {
                return Files.readString(f, StandardCharsets.UTF_8).strip();
            } catch (IOException e) {
                throw new StartupRefused("pdx.usage-log.key-file", "cannot read " + f + ": " + e.getMessage());
            }
        })).orElseThrow(() -> new StartupRefused("pdx.usage-log.key", "set the key that seals the usage log"
                + " (base64: of at least " + MIN_KEY_BYTES + " bytes; make one with: openssl rand -base64 32), or pdx.usage-log.key-file;"
                + " keep it out of the store and keep a copy: without it the log cannot be verified"));
        current = new Seal(config.algorithm(), key(name, text));
        bySealId.put(current.id(), current);
        config.retiredKeys().forEach((id, value) -> {
            String retiredName = "pdx.usage-log.retired-keys." + id;
            byte[] key = key(retiredName, value);
            for (Seal.Algorithm a : Seal.Algorithm.values()) {
                Seal s = new Seal(a, key);
                if (!s.keyId().equals(id)) {
                    throw new StartupRefused(retiredName, "this key's id is " + s.keyId() + ", not " + id + ": name it by its id");
                }
                bySealId.put(s.id(), s);
            }
        });
    }

    /** The seal new entries, heads and checkpoints get. */
    public Seal current() {
        return current;
    }

    /** The seal an entry names ({@code hmac-sha256:<key id>}), if its key is configured here. */
    public Optional<Seal> bySealId(String sealId) {
        return Optional.ofNullable(bySealId.get(sealId));
    }

    /** Whether {@code mac} is the MAC of {@code text} under any configured key (current or retired). */
    public boolean verifies(String text, String mac) {
        return bySealId.values().stream().anyMatch(s -> Seal.same(s.seal(text), mac));
    }

    private byte[] key(String name, String value) {
        if (!value.startsWith("base64:")) {
            throw new StartupRefused(name, "write the key as base64:... (make one with: openssl rand -base64 32)");
        }
        byte[] key;
        try {
            key = Base64.getDecoder().decode(value.substring("base64:".length()).strip());
        } catch (IllegalArgumentException e) {
            throw new StartupRefused(name, "is not valid base64");
        }
        if (key.length < MIN_KEY_BYTES) {
            throw new StartupRefused(name, "the usage-log key must be at least " + MIN_KEY_BYTES + " bytes, this one has " + key.length
                    + " (make one with: openssl rand -base64 32)");
        }
        if (!hub.demo() && DEMO_KEYS.stream().anyMatch(d -> Arrays.equals(d.getBytes(StandardCharsets.UTF_8), key))) {
            throw new StartupRefused(name, "is the well-known demo key, which only the demo configuration may use: set a key of your own");
        }
        return key;
    }
}
