package org.pdxhub.hub.account;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.pdxhub.hub.access.ApiKeys;
import org.pdxhub.hub.store.Sql;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/**
 * Console sessions in the store, so that every node of a platform knows them. The cookie holds a
 * random id; the store keeps its digest, the account and the session's CSRF token (a synchronizer
 * token every form sends back). A session unused for {@code pdx.console.idle-timeout} is gone.
 */
@ApplicationScoped
public class Sessions {

    /** The session cookie's name. */
    public static final String COOKIE = "pdx_session";
    /** Writing last-seen on every page view would make reads write; a minute is finer than any idle timeout. */
    private static final Duration TOUCH_EVERY = Duration.ofMinutes(1);
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A session as a request sees it. */
    public record Session(Account account, String csrfToken) {

        /** Compares a form's token with the session's in constant time. */
        public boolean csrfMatches(String presented) {
            return presented != null && MessageDigest.isEqual(csrfToken.getBytes(StandardCharsets.UTF_8),
                    presented.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** A session just opened: the id for the cookie, shown only now. */
    public record Opened(String id, Session session) {
    }

    @Inject
    Sql sql;

    @Inject
    Clock clock;

    @Inject
    ConsoleConfig config;

    @Inject
    Accounts accounts;

    public Opened open(Account account) {
        String id = newToken();
        String csrf = newToken();
        Instant now = clock.instant();
        sql.update("insert into console_session (id_hash, username, csrf_token, created_at, last_seen_at) values (?, ?, ?, ?, ?)",
                ApiKeys.digest(id), account.username(), csrf, now, now);
        return new Opened(id, new Session(account, csrf));
    }

    /** The live session of a cookie's id; an idle one is closed and not returned. */
    public Optional<Session> resolve(String id) {
        if (id == null || id.isBlank() || id.length() > 100) {
            return Optional.empty();
        }
        String hash = ApiKeys.digest(id);
        record Row(String username, String csrf, Instant lastSeen) {
        }
        Optional<Row> row = sql.one("select username, csrf_token, last_seen_at from console_session where id_hash = ?",
                rs -> new Row(rs.getString(1), rs.getString(2), Sql.instant(rs, "last_seen_at")), hash);
        if (row.isEmpty()) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        if (row.get().lastSeen().plus(config.idleTimeout()).isBefore(now)) {
            sql.update("delete from console_session where id_hash = ?", hash);
            return Optional.empty();
        }
        Optional<Account> account = accounts.find(row.get().username());
        if (account.isEmpty()) {
            sql.update("delete from console_session where id_hash = ?", hash);
            return Optional.empty();
        }
        if (row.get().lastSeen().plus(TOUCH_EVERY).isBefore(now)) {
            sql.update("update console_session set last_seen_at = ? where id_hash = ?", now, hash);
        }
        return Optional.of(new Session(account.get(), row.get().csrf()));
    }

    public void close(String id) {
        if (id != null) {
            sql.update("delete from console_session where id_hash = ?", ApiKeys.digest(id));
        }
    }

    /** Sessions idle past the timeout, removed by the console's housekeeping. */
    public int closeIdle() {
        return sql.update("delete from console_session where last_seen_at < ?", clock.instant().minus(config.idleTimeout()));
    }

    /** 32 random bytes, URL-safe: session ids and form tokens. */
    public static String newToken() {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
