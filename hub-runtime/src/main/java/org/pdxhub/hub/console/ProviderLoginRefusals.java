package org.pdxhub.hub.console;

import io.quarkus.security.AuthenticationCompletionException;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;
import org.pdxhub.hub.account.ConsoleOidcTenant;
import org.pdxhub.hub.account.ProviderFailures;

/**
 * A login quarkus-oidc refused on the way back (a state that is not this browser's, a code the provider would not
 * exchange, an ID token with a wrong signature, audience, issuer, nonce or expiry) ends before the console's
 * resources, in the HTTP layer: this page says why, in words, without the token or its claims.
 */
@ApplicationScoped
public class ProviderLoginRefusals {

    private static final Logger LOG = Logger.getLogger(ProviderLoginRefusals.class);

    void install(@Observes Router router) {
        router.route(ConsoleOidcTenant.CALLBACK).failureHandler(this::refused);
    }

    private void refused(RoutingContext ctx) {
        if (!(ctx.failure() instanceof AuthenticationCompletionException) || ctx.response().ended()) {
            ctx.next();
            return;
        }
        String reason = "the identity provider's login was refused" + ProviderFailures.reason(ctx.failure());
        LOG.warnf("Console login through the identity provider refused: %s", reason);
        String page = "<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>登录被拒绝 / Login refused</title></head>"
                + "<body><main><h1>登录被拒绝 / Login refused</h1><p id=\"problem\">" + escaped(reason)
                + ": start again from the login page.</p><p><a href=\"/login\">登录 / Log in</a></p></main></body></html>";
        ctx.response().setStatusCode(401).putHeader(HttpHeaders.CONTENT_TYPE, "text/html; charset=UTF-8").end(page);
    }

    private static String escaped(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
