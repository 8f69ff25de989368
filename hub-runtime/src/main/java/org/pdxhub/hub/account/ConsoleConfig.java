package org.pdxhub.hub.account;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

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

    /** Logging in through an OpenID Connect provider, besides local accounts. */
    Oidc oidc();

    /**
     * The OpenID Connect provider ({@code pdx.console.oidc.*}): off while no issuer is configured.
     * The provider vouches for the person; this node decides which organisations and roles it may vouch for.
     */
    interface Oidc {

        /** The issuer, e.g. {@code https://id.example.gov.cn/realms/pdx}; its discovery document is read from there. */
        Optional<String> authServerUrl();

        /** The console's client id at the provider; the ID token's audience must name it. */
        @WithDefault("pdx-console")
        String clientId();

        /** The console's client secret at the provider. */
        Optional<String> secret();

        /** The provider's name on the login button. */
        @WithDefault("OIDC")
        String providerName();

        /** The claim with the person's organisation (its unified social credit code); a one-element list is accepted. */
        @WithDefault("pdx_org")
        String organisationClaim();

        /** The claim with the person's roles (a list, or names separated by spaces or commas). */
        @WithDefault("pdx_roles")
        String rolesClaim();

        /** Organisations the provider may vouch for; none named means every organisation registered on this node. */
        Optional<List<String>> organisations();

        /** Roles the provider may grant; others in the claim are ignored. SYSTEM is never granted to a person. */
        @WithDefault("REVIEWER,SPECIALIST")
        Set<String> roles();

        /**
         * Where the provider sends the person back ({@code .../login/oidc/callback}), as registered with it. quarkus-oidc
         * builds it from the request's host and this node's path; an {@code https:} value here makes it https behind a
         * TLS proxy (the host comes from the proxy's forwarded headers, {@code quarkus.http.proxy.*}).
         */
        Optional<String> redirectUri();

        /** Scopes asked for besides {@code openid}. */
        @WithDefault("profile,email")
        List<String> scopes();
    }
}
