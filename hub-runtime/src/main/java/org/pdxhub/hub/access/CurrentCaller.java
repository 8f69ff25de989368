package org.pdxhub.hub.access;

import io.quarkus.security.UnauthorizedException;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;

/** The caller of the current request, for resources and services that record who acted. */
@RequestScoped
public class CurrentCaller {

    @Inject
    SecurityIdentity identity;

    public Caller get() {
        if (identity.isAnonymous() || !(identity.getPrincipal() instanceof Caller caller)) {
            throw new UnauthorizedException();
        }
        return caller;
    }

    public boolean isAnonymous() {
        return identity.isAnonymous();
    }
}
