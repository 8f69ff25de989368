package org.pdxhub.hub.access;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.credential.TokenCredential;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Turns an API key into a security identity with the key's roles and its {@link Caller}. */
@ApplicationScoped
public class ApiKeyIdentityProvider implements IdentityProvider<TokenAuthenticationRequest> {

    @Inject
    ApiKeys keys;

    @Override
    public Class<TokenAuthenticationRequest> getRequestType() {
        return TokenAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(TokenAuthenticationRequest request, AuthenticationRequestContext context) {
        if (request.getToken().getClass() != TokenCredential.class) {
            // Not a key: quarkus-oidc's ID token of a console login, on its way to its own identity provider.
            return Uni.createFrom().nullItem();
        }
        return context.runBlocking(() -> {
            Caller caller = keys.authenticate(request.getToken().getToken())
                    .orElseThrow(() -> new AuthenticationFailedException("unknown or revoked API key"));
            var identity = QuarkusSecurityIdentity.builder().setPrincipal(caller);
            caller.roles().forEach(r -> identity.addRole(r.name()));
            return identity.build();
        });
    }
}
