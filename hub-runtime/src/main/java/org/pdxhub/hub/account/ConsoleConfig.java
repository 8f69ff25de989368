package org.pdxhub.hub.account;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** The console's people: sessions and the lock-out of repeated failed logins ({@code pdx.console.*}). */
@ConfigMapping(prefix = "pdx.console")
public interface ConsoleConfig {

    /** A session unused this long is closed; the person logs in again. */
    @WithDefault("30m")
    Duration idleTimeout();

    /** Failed logins in a row after which an account is locked. */
    @WithDefault("5")
    int maxFailures();

    /** How long a locked account stays locked; no password is checked meanwhile. */
    @WithDefault("15m")
    Duration lockout();

    /** Mark the session cookie Secure even when the request reached the node in clear (behind a TLS proxy). */
    @WithDefault("false")
    boolean secureCookie();

    /** bcrypt cost of new password hashes (2^cost rounds). */
    @WithDefault("11")
    int bcryptCost();
}
