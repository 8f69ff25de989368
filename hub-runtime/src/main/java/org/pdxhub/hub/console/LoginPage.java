package org.pdxhub.hub.console;

import io.quarkus.oidc.OidcSession;
import io.quarkus.qute.Template;
import io.quarkus.security.Authenticated;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.RestForm;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.pdxhub.hub.account.Account;
import org.pdxhub.hub.account.ConsoleOidcTenant;
import org.pdxhub.hub.account.ProviderLogins;
import org.pdxhub.hub.account.Accounts;
import org.pdxhub.hub.account.ConsoleConfig;
import org.pdxhub.hub.account.Sessions;
import org.pdxhub.hub.api.ProblemException;

import java.net.URI;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * Logging in and out, and the language switch. The login form has its own CSRF token (a cookie
 * and the same value in the form), since there is no session yet to keep one in.
 */
@Path("/")
@PermitAll
public class LoginPage {

    static final String LOGIN_COOKIE = "pdx_login";
    private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.of("Asia/Shanghai"));

    @Inject
    Template login;

    @Inject
    ConsoleRequest console;

    @Inject
    Accounts accounts;

    @Inject
    Sessions sessions;

    @Inject
    ConsoleConfig config;

    @Inject
    HttpServerRequest http;

    @Inject
    ProviderLogins providerLogins;

    @Inject
    OidcSession oidcSession;

    @GET
    @Path("login")
    public Response form() {
        String token = Sessions.newToken();
        return Response.ok(console.page(login, "login").data("loginToken", token).data("error", null).data("oidcProvider", oidcProvider()))
                .type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .cookie(cookie(LOGIN_COOKIE, token, -1)).build();
    }

    @POST
    @Path("login")
    public Response login(@RestForm String username, @RestForm String password, @RestForm("_csrf") String csrf) {
        Cookie expected = http.getCookie(LOGIN_COOKIE);
        if (expected == null || csrf == null || !MessageDigest.isEqual(expected.getValue().getBytes(StandardCharsets.UTF_8),
                csrf.getBytes(StandardCharsets.UTF_8))) {
            return again(403, "login_refused_csrf", null);
        }
        Accounts.Login outcome = accounts.login(username, password);
        if (outcome.account().isEmpty()) {
            return switch (outcome.refusal()) {
                case LOCKED -> again(401, "login_locked", HH_MM.format(outcome.lockedUntil()));
                case DISABLED, WRONG_CREDENTIALS -> again(401, "login_wrong", null);
            };
        }
        Sessions.Opened opened = sessions.open(outcome.account().get());
        return Response.seeOther(URI.create("/"))
                .cookie(cookie(Sessions.COOKIE, opened.id(), -1), cookie(LOGIN_COOKIE, "", 0)).build();
    }

    /** Logging in with the OpenID Connect provider: on to the way back, which quarkus-oidc sends to the provider first. */
    @GET
    @Path("login/oidc")
    public Response loginWithProvider() {
        return Response.seeOther(URI.create(providerLogins.enabled() ? ConsoleOidcTenant.CALLBACK : "/login")).build();
    }

    /**
     * The way back from the provider, reached only once quarkus-oidc has run the code flow (state, nonce, PKCE) and
     * checked the ID token ({@link ConsoleOidcTenant}). Its claims become a console account and a console session,
     * with its CSRF token and idle timeout, as a local login; quarkus-oidc's own session ends here.
     */
    @GET
    @Path("login/oidc/callback")
    @Authenticated
    public Response providerCallback() {
        try {
            return handOver(oidcSession.getIdToken());
        } finally {
            oidcSession.logout().await().atMost(Duration.ofSeconds(10));
            // The session cookie quarkus-oidc set in this same answer is in no request yet, so logout() leaves it: expired here.
            http.response().removeCookies(ConsoleOidcTenant.SESSION_COOKIE, true);
        }
    }

    private Response handOver(JsonWebToken token) {
        try {
            if (token == null || token.getRawToken() == null) {
                throw new ProblemException(401, "oidc.login", "Login refused", "the identity provider's login gave no ID token", "id_token");
            }
            Object name = token.getClaim("name") != null ? token.getClaim("name") : token.getClaim("preferred_username");
            Account account = providerLogins.accept(new ProviderLogins.Vouched(token.getSubject(), name == null ? null : unquoted(name),
                    token.getClaim(providerLogins.organisationClaim()), token.getClaim(providerLogins.rolesClaim())));
            Sessions.Opened opened = sessions.open(account);
            // A page, not a redirect: the way here began at the provider's site, and a browser does not send a
            // SameSite=Strict cookie along a redirect chain another site started; a navigation from this page does.
            String page = "<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><meta http-equiv=\"refresh\" content=\"0;url=/\">"
                    + "<title>PDX Hub</title></head><body><p><a href=\"/\" id=\"continue\">继续 / Continue</a></p></body></html>";
            return Response.ok(page).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).cookie(cookie(Sessions.COOKIE, opened.id(), -1)).build();
        } catch (ProblemException e) {
            return console.refusal(e);
        }
    }

    private static String unquoted(Object claim) {
        String s = String.valueOf(claim);
        return s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"") ? s.substring(1, s.length() - 1) : s;
    }

    private String oidcProvider() {
        return providerLogins.enabled() ? providerLogins.providerName() : null;
    }

    @POST
    @Path("logout")
    public Response logout(@RestForm("_csrf") String csrf) {
        return console.session().map(s -> {
            console.checkCsrf(csrf);
            Cookie c = http.getCookie(Sessions.COOKIE);
            sessions.close(c == null ? null : c.getValue());
            return Response.seeOther(URI.create("/login")).cookie(cookie(Sessions.COOKIE, "", 0)).build();
        }).orElseGet(() -> Response.seeOther(URI.create("/login")).build());
    }

    /** Switches the language (zh-CN or en) and goes back where the person was. */
    @GET
    @Path("lang/{language}")
    public Response language(@PathParam("language") String language, @QueryParam("back") String back) {
        String value = "en".equals(language) ? "en" : "zh-CN";
        // Only a path of this console, never another site: an open redirect would help phishing.
        String target = back != null && back.startsWith("/") && !back.startsWith("//") && !back.contains("\\") ? back : "/";
        return Response.seeOther(URI.create(target)).cookie(cookie(ConsoleRequest.LANGUAGE_COOKIE, value, 365 * 24 * 3600)).build();
    }

    private Response again(int status, String errorKey, String lockedUntil) {
        String token = Sessions.newToken();
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .entity(console.page(login, "login").data("loginToken", token).data("error", errorKey).data("lockedUntil", lockedUntil)
                        .data("oidcProvider", oidcProvider()))
                .cookie(cookie(LOGIN_COOKIE, token, -1)).build();
    }

    /** HttpOnly, SameSite=Strict, and Secure when the request came over TLS (or the node is told it sits behind TLS). */
    private NewCookie cookie(String name, String value, int maxAge) {
        return new NewCookie.Builder(name).value(value).path("/").httpOnly(true).maxAge(maxAge)
                .secure(config.secureCookie() || http.isSSL()).sameSite(NewCookie.SameSite.STRICT).build();
    }
}
