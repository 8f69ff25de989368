package org.pdxhub.hub.account;

import io.quarkus.logging.LoggingFilter;
import io.quarkus.security.AuthenticationCompletionException;

import java.util.logging.Filter;
import java.util.logging.LogRecord;

/**
 * Keeps a refused provider login's ID token out of the node's log. quarkus-oidc's refusal carries the token's claims
 * (names, e-mail) in its message, and Quarkus's HTTP authorizer logs it at ERROR; the console logs the reason alone
 * ({@code console.ProviderLoginRefusals}).
 */
@LoggingFilter(name = ProviderRefusalLogFilter.NAME)
public final class ProviderRefusalLogFilter implements Filter {

    public static final String NAME = "provider-refusals";

    @Override
    public boolean isLoggable(LogRecord record) {
        for (Throwable t = record.getThrown(); t != null; t = t.getCause()) {
            if (t instanceof AuthenticationCompletionException) {
                return false;
            }
        }
        return true;
    }
}
