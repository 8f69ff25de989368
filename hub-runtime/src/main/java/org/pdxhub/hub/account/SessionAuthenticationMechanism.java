package org.pdxhub.hub.account;

import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.security.identity.request.BaseAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpCredentialTransport;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.Cookie;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Optional;
import java.util.Set;

/**
 * The console's session cookie. It authenticates the console's pages only, never {@code /api/}:
 * systems present keys, and a browser's cookie must not be usable against the API, where no form
 * carries a CSRF token.
 */
@ApplicationScoped
public class SessionAuthenticationMechanism implements HttpAuthenticationMechanism {

    /** Where the request's session is kept on the identity, for the CSRF check of forms. */
    public static final String SESSION_ATTRIBUTE = "pdx.console.session";

    static final class SessionRequest extends BaseAuthenticationRequest {
        final String id;

        SessionRequest(String id) {
            this.id = id;
        }
    }

    @Inject
    Sessions sessions;

    public static boolean isConsolePath(String path) {
        return path != null && !path.startsWith("/api/") && !path.startsWith("/q/");
    }

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identityProviderManager) {
        Cookie cookie = context.request().getCookie(Sessions.COOKIE);
        if (cookie == null || !isConsolePath(context.normalizedPath())) {
            return Uni.createFrom().optional(Optional.empty());
        }
        return identityProviderManager.authenticate(new SessionRequest(cookie.getValue()));
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        if (!isConsolePath(context.normalizedPath())) {
            return Uni.createFrom().nullItem();
        }
        return Uni.createFrom().item(new ChallengeData(303, "Location", "/login"));
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of(SessionRequest.class);
    }

    @Override
    public Uni<HttpCredentialTransport> getCredentialTransport(RoutingContext context) {
        return Uni.createFrom().item(new HttpCredentialTransport(HttpCredentialTransport.Type.COOKIE, Sessions.COOKIE));
    }

    /** Resolves the cookie's session in the store. */
    @ApplicationScoped
    public static class Provider implements IdentityProvider<SessionRequest> {

        @Inject
        Sessions sessions;

        @Override
        public Class<SessionRequest> getRequestType() {
            return SessionRequest.class;
        }

        @Override
        public Uni<SecurityIdentity> authenticate(SessionRequest request, AuthenticationRequestContext context) {
            return context.runBlocking(() -> sessions.resolve(request.id).map(s -> {
                var identity = QuarkusSecurityIdentity.builder().setPrincipal(s.account().asCaller())
                        .addAttribute(SESSION_ATTRIBUTE, s);
                s.account().roles().forEach(r -> identity.addRole(r.name()));
                return (SecurityIdentity) identity.build();
            }).orElseGet(() -> QuarkusSecurityIdentity.builder().setAnonymous(true).build()));
        }
    }
}
