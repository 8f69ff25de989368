package org.pdxhub.hub.account;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;
import org.pdxhub.hub.access.Caller;
import org.pdxhub.hub.access.Role;
import org.pdxhub.hub.api.ProblemException;
import org.pdxhub.hub.organisation.Organisations;
import org.pdxhub.hub.store.Sql;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Local accounts of the console. Passwords are kept as bcrypt hashes; after
 * {@code pdx.console.max-failures} wrong passwords in a row an account is locked for
 * {@code pdx.console.lockout}, during which no password is even checked.
 */
@ApplicationScoped
public class Accounts {

    private static final Logger LOG = Logger.getLogger(Accounts.class);
    private static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._-]{2,63}");
    static final int MIN_PASSWORD = 10;

    /** What a person fills in to get an account. */
    public record NewAccount(String username, String organisation, String displayName, Set<Role> roles, String password) {
    }

    /** The outcome of a login: the account, or why not, in words the person may read. */
    public record Login(Optional<Account> account, Refusal refusal, Instant lockedUntil) {

        public enum Refusal { WRONG_CREDENTIALS, LOCKED, DISABLED }

        static Login ok(Account a) {
            return new Login(Optional.of(a), null, null);
        }

        static Login refused(Refusal r, Instant until) {
            return new Login(Optional.empty(), r, until);
        }
    }

    @Inject
    Sql sql;

    @Inject
    Clock clock;

    @Inject
    ConsoleConfig config;

    @Inject
    Organisations organisations;

    /** Creates a local account; only an ADMIN does, and never an account with the SYSTEM role (systems use API keys). */
    public Account create(NewAccount a, Caller by) {
        if (!by.has(Role.ADMIN)) {
            throw ProblemException.forbidden("account.admin-required", "creating an account needs the ADMIN role; this account is "
                    + by.roles() + " of " + by.organisation());
        }
        return insert(a, false);
    }

    Account insert(NewAccount a, boolean demo) {
        String username = a.username() == null ? "" : a.username().strip();
        if (!USERNAME.matcher(username).matches()) {
            throw ProblemException.badRequest("account.username", "username",
                    "a username is 3 to 64 lower-case letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
        if (a.password() == null || a.password().length() < MIN_PASSWORD) {
            throw ProblemException.badRequest("account.password-too-short", "password",
                    "a password has at least " + MIN_PASSWORD + " characters");
        }
        if (a.displayName() == null || a.displayName().isBlank()) {
            throw ProblemException.badRequest("account.display-name", "displayName", "give the person's name as colleagues know it");
        }
        organisations.require(a.organisation(), "organisation");
        if (a.roles() == null || a.roles().isEmpty() || a.roles().contains(Role.SYSTEM)) {
            throw ProblemException.badRequest("account.roles", "roles",
                    "a person holds one or more of ADMIN, REVIEWER, SPECIALIST; systems get API keys, not accounts");
        }
        if (find(username).isPresent()) {
            throw ProblemException.conflict("account.exists", "username", "an account named " + username + " exists; choose another username");
        }
        sql.update("insert into console_account (username, organisation_uscc, display_name, roles, password_hash, source, demo, created_at)"
                        + " values (?, ?, ?, ?, ?, 'LOCAL', ?, ?)",
                username, a.organisation(), a.displayName().strip(), format(a.roles()), Passwords.hash(a.password(), config.bcryptCost()),
                demo, clock.instant());
        return find(username).orElseThrow();
    }

    /** Checks a password, counting failures and locking the account after too many. */
    public Login login(String username, String password) {
        Instant now = clock.instant();
        Optional<Row> found = row(username == null ? "" : username.strip());
        if (found.isEmpty()) {
            Passwords.matches(null, password == null ? "" : password);
            return Login.refused(Login.Refusal.WRONG_CREDENTIALS, null);
        }
        Row row = found.get();
        if (row.disabled()) {
            return Login.refused(Login.Refusal.DISABLED, null);
        }
        if (row.lockedUntil() != null && row.lockedUntil().isAfter(now)) {
            return Login.refused(Login.Refusal.LOCKED, row.lockedUntil());
        }
        if (password != null && Passwords.matches(row.passwordHash(), password)) {
            sql.update("update console_account set failed_logins = 0, locked_until = null where username = ?", row.account().username());
            return Login.ok(row.account());
        }
        int failures = row.failedLogins() + 1;
        if (failures >= config.maxFailures()) {
            Instant until = now.plus(config.lockout());
            sql.update("update console_account set failed_logins = 0, locked_until = ? where username = ?",
                    until, row.account().username());
            LOG.warnf("Console account %s locked until %s after %d failed logins", row.account().username(), until, failures);
            return Login.refused(Login.Refusal.LOCKED, until);
        }
        sql.update("update console_account set failed_logins = ? where username = ?", failures, row.account().username());
        return Login.refused(Login.Refusal.WRONG_CREDENTIALS, null);
    }

    public Optional<Account> find(String username) {
        return row(username).filter(r -> !r.disabled()).map(Row::account);
    }

    public List<Account> list() {
        return sql.list("select * from console_account where disabled_at is null order by organisation_uscc, username", Accounts::account);
    }

    /** Usernames of demo accounts; a node outside the demo refuses to start while any exists. */
    public List<String> demoAccountsPresent() {
        return sql.list("select username from console_account where demo = true and disabled_at is null", rs -> rs.getString(1));
    }

    /** Keeps an account from the identity provider in step with its claims; it has no password here. */
    public Account fromProvider(String username, String organisation, String displayName, Set<Role> roles) {
        organisations.require(organisation, "organisation claim");
        Optional<Row> existing = row(username);
        // A provider's person never becomes a local account of the same name, nor revives one an administrator disabled.
        if (existing.isPresent() && !"OIDC".equals(existing.get().account().source())) {
            throw ProblemException.forbidden("account.oidc-local-name", "the identity provider's person maps to the username "
                    + username + ", which is a local account of this node: an administrator must rename one of them");
        }
        if (existing.isPresent() && existing.get().disabled()) {
            throw ProblemException.forbidden("account.disabled", "the account " + username + " is disabled on this node");
        }
        if (existing.isEmpty()) {
            sql.update("insert into console_account (username, organisation_uscc, display_name, roles, source, created_at)"
                    + " values (?, ?, ?, ?, 'OIDC', ?)", username, organisation, displayName, format(roles), clock.instant());
        } else {
            sql.update("update console_account set organisation_uscc = ?, display_name = ?, roles = ? where username = ? and source = 'OIDC'",
                    organisation, displayName, format(roles), username);
        }
        return find(username).orElseThrow();
    }

    private record Row(Account account, String passwordHash, int failedLogins, Instant lockedUntil, boolean disabled) {
    }

    private Optional<Row> row(String username) {
        return sql.one("select * from console_account where username = ?", rs -> new Row(account(rs), rs.getString("password_hash"),
                rs.getInt("failed_logins"), instant(rs.getTimestamp("locked_until")), rs.getTimestamp("disabled_at") != null), username);
    }

    private static Account account(ResultSet rs) throws SQLException {
        return new Account(rs.getString("username"), rs.getString("organisation_uscc"), rs.getString("display_name"),
                parse(rs.getString("roles")), rs.getString("source"));
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    static Set<Role> parse(String text) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        Arrays.stream(text.split(",")).map(String::strip).filter(s -> !s.isEmpty()).map(Role::valueOf).forEach(roles::add);
        return roles;
    }

    static String format(Set<Role> roles) {
        return roles.stream().map(Role::name).sorted().collect(Collectors.joining(","));
    }
}
