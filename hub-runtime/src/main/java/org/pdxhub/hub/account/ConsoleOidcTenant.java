package org.pdxhub.hub.account;

import io.quarkus.oidc.OidcRequestContext;
import io.quarkus.oidc.OidcTenantConfig;
import io.quarkus.oidc.TenantConfigResolver;
import io.quarkus.oidc.runtime.OidcTenantConfig.ApplicationType;
import io.quarkus.oidc.runtime.OidcTenantConfig.Authentication.CookieSameSite;
import io.quarkus.oidc.runtime.OidcTenantConfig.TokenStateManager.Strategy;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The one place quarkus-oidc works: the console's way back from the provider, {@value #CALLBACK}. Its default
 * tenant is off ({@code quarkus.oidc.tenant-enabled=false}), and on every other path (the API, the console's pages)
 * this resolver answers a tenant that is off ({@link #OFF}), so quarkus-oidc authenticates nothing there: a provider's
 * token is never a key here.
 * <p>
 * On the callback it runs the authorization code flow of a confidential client with state, nonce and PKCE, and
 * checks the ID token (signature against the provider's keys, issuer, audience, expiry, nonce). The request that
 * brings the code back goes on to {@code LoginPage}, which makes the node's session from the checked ID token and
 * ends quarkus-oidc's own in the same answer; its cookies' path is {@code /login/oidc} all the same.
 */
@ApplicationScoped
public class ConsoleOidcTenant implements TenantConfigResolver {

    public static final String CALLBACK = "/login/oidc/callback";
    static final String TENANT = "console";
    /** quarkus-oidc's session cookie for this tenant. */
    public static final String SESSION_COOKIE = "q_session_" + TENANT;

    @Inject
    ConsoleConfig config;

    @Inject
    ProviderLogins logins;

    private volatile OidcTenantConfig tenant;

    /**
     * What every other path gets: a tenant that is off. Not "none": with none, quarkus-oidc falls back to a tenant
     * named by the request's own cookies ({@code q_session_console}), which would bring the login's tenant to any path.
     */
    private static final OidcTenantConfig OFF = OidcTenantConfig.builder().tenantId("off").disableTenant().build();

    @Override
    public Uni<OidcTenantConfig> resolve(RoutingContext context, OidcRequestContext<OidcTenantConfig> requestContext) {
        if (!CALLBACK.equals(context.normalizedPath()) || !logins.enabled()) {
            return Uni.createFrom().item(OFF);
        }
        return Uni.createFrom().item(tenant());
    }

    private OidcTenantConfig tenant() {
        if (tenant == null) {
            ConsoleConfig.Oidc oidc = config.oidc();
            List<String> scopes = new ArrayList<>(oidc.scopes());
            var builder = OidcTenantConfig.builder().tenantId(TENANT).authServerUrl(oidc.authServerUrl().orElseThrow())
                    .clientId(oidc.clientId()).applicationType(ApplicationType.WEB_APP);
            oidc.secret().ifPresent(builder::credentials);
            builder.authentication()
                    .redirectPath(CALLBACK).restorePathAfterRedirect(false).removeRedirectParameters(false)
                    .scopes(scopes).nonceRequired().pkceRequired().stateSecret(secret())
                    .cookiePath("/login/oidc").cookieSameSite(CookieSameSite.LAX).cookieForceSecure(config.secureCookie())
                    // The code is redeemed and handed over in one request: quarkus-oidc's session ends in the same answer.
                    .sessionAgeExtension(Duration.ZERO).javaScriptAutoRedirect(false).end();
            oidc.redirectUri().ifPresent(uri -> builder.authentication().forceRedirectHttpsScheme(uri.startsWith("https:")).end());
            // Only the ID token is kept between the two requests of the hand-over, encrypted with a key of this run.
            builder.tokenStateManager().strategy(Strategy.ID_TOKEN).encryptionSecret(secret()).end();
            tenant = builder.build();
        }
        return tenant;
    }

    /** A key for this run of the node: a login started before a restart is started again. */
    private static String secret() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(key);
    }
}
