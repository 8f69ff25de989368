package org.pdxhub.hub.messaging;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

import java.time.Duration;

/**
 * How many failed broker logins are tolerated before further attempts are refused unchecked for
 * a while: per user and remote address, and per remote address whatever the user.
 */
@ConfigMapping(prefix = "pdx.broker.login-failures")
public interface LoginFailuresConfig {

    /** Failed logins of one user from one address within {@link #window()} that lock that pair out. */
    @WithDefault("5")
    int max();

    /** Failed logins from one address, any user, within {@link #window()} that lock the address out. */
    @WithName("max-per-address")
    @WithDefault("50")
    int maxPerAddress();

    @WithDefault("60s")
    Duration window();

    /** How long a lock-out lasts; attempts in that time are refused without looking at the key. */
    @WithDefault("300s")
    Duration lockout();
}
