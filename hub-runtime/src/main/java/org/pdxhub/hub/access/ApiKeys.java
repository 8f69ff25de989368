package org.pdxhub.hub.access;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.pdxhub.hub.store.Sql;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * API keys in the store. Only a SHA-256 digest of each key is kept, so a copy of the store
 * does not give away the keys; the clear key is shown once, when it is issued.
 */
@ApplicationScoped
public class ApiKeys {

    /** The well-known keys of the demo configuration; a real node refuses to start with any of them. */
    public static final List<String> DEMO_KEYS = List.of("demo-admin", "demo-reviewer", "demo-specialist", "demo-system",
            "demo-specialist-market", "demo-specialist-hrss", "demo-system-hrss", "demo-reviewer-market");

    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    Clock clock;

    @Inject
    Sql sql;

    public Optional<Caller> authenticate(String key) {
        return sql.one("select key_id, organisation_uscc, holder, roles from api_key where key_hash = ? and revoked_at is null",
                rs -> new Caller(rs.getString("key_id"), rs.getString("organisation_uscc"), rs.getString("holder"),
                        parseRoles(rs.getString("roles"))),
                digest(key));
    }

    /** Issues a new random key and returns it in clear; this is the only time it is seen. */
    public String issue(String keyId, String organisation, String holder, Set<Role> roles) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String key = "pdx_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        store(keyId, digest(key), organisation, holder, roles);
        return key;
    }

    public void store(String keyId, String keyHash, String organisation, String holder, Set<Role> roles) {
        sql.update("insert into api_key (key_id, key_hash, organisation_uscc, holder, roles, created_at) values (?, ?, ?, ?, ?, ?)",
                keyId, keyHash, organisation, holder, formatRoles(roles), Instant.now(clock));
    }

    public boolean exists(String keyId) {
        return sql.count("select count(*) from api_key where key_id = ?", keyId) > 0;
    }

    public int revoke(String keyId) {
        return sql.update("update api_key set revoked_at = ? where key_id = ? and revoked_at is null", Instant.now(clock), keyId);
    }

    /** Key ids whose digest is that of a demo key. */
    public List<String> demoKeysPresent() {
        List<String> digests = DEMO_KEYS.stream().map(ApiKeys::digest).toList();
        return sql.list("select key_id, key_hash from api_key where revoked_at is null",
                        rs -> digests.contains(rs.getString("key_hash")) ? rs.getString("key_id") : null)
                .stream().filter(id -> id != null).toList();
    }

    public static String digest(String key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static Set<Role> parseRoles(String text) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        Arrays.stream(text.split(",")).map(String::trim).filter(s -> !s.isEmpty()).map(Role::valueOf).forEach(roles::add);
        return roles;
    }

    static String formatRoles(Set<Role> roles) {
        return roles.stream().map(Role::name).sorted().collect(Collectors.joining(","));
    }
}
