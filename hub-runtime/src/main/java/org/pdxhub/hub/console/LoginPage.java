package org.pdxhub.hub.console;

import io.quarkus.qute.Template;
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
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.pdxhub.hub.account.Account;
import org.pdxhub.hub.account.ProviderClient;
import org.pdxhub.hub.account.ProviderLogins;
import org.pdxhub.hub.account.Accounts;
import org.pdxhub.hub.account.ConsoleConfig;
import org.pdxhub.hub.account.Sessions;
import org.pdxhub.hub.api.ProblemException;

import java.net.URI;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
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
    static final String PROVIDER_COOKIE = "pdx_oidc";
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
    ProviderClient provider;

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

    /** Logging in with the OpenID Connect provider: the person is sent there with a fresh state and nonce. */
    @GET
    @Path("login/oidc")
    public Response loginWithProvider() {
        if (!providerLogins.enabled()) {
            return Response.seeOther(URI.create("/login")).build();
        }
        ProviderClient.Pending pending = new ProviderClient.Pending(Sessions.newToken(), Sessions.newToken(), callbackUri());
        try {
            return Response.seeOther(provider.authorizationUri(pending))
                    .cookie(providerCookie(pending.state() + "." + pending.nonce(), 600)).build();
        } catch (ProblemException e) {
            return console.refusal(e);
        }
    }

    /**
     * The way back from the provider. The state must be the one this browser was sent with (a login
     * started elsewhere is refused); the ID token is checked by {@link ProviderClient}; its claims become
     * a console account and a console session, with its CSRF token and idle timeout, as a local login.
     */
    @GET
    @Path("login/oidc/callback")
    public Response providerCallback(@QueryParam("code") String code, @QueryParam("state") String state,
            @QueryParam("error") String error) {
        if (!providerLogins.enabled()) {
            return Response.seeOther(URI.create("/login")).build();
        }
        Cookie started = http.getCookie(PROVIDER_COOKIE);
        String[] parts = started == null ? new String[0] : started.getValue().split("\\.", 2);
        NewCookie forget = providerCookie("", 0);
        try {
            if (parts.length != 2) {
                throw new ProblemException(403, "oidc.state", "Login refused", "this login was not started from this browser"
                        + " (it holds no login state): start again from the login page", "state");
            }
            ProviderClient.Pending pending = new ProviderClient.Pending(parts[0], parts[1], callbackUri());
            if (!pending.stateMatches(state)) {
                throw new ProblemException(403, "oidc.state", "Login refused", "the provider sent back another login's state:"
                        + " start again from the login page", "state");
            }
            if (error != null || code == null || code.isBlank()) {
                throw new ProblemException(401, "oidc.login", "Login refused", "the identity provider did not log the person in"
                        + (error == null ? "" : ": " + error), "code");
            }
            JwtClaims claims = provider.redeem(code, pending);
            Object name = claims.getClaimValue("name") != null ? claims.getClaimValue("name") : claims.getClaimValue("preferred_username");
            Account account = providerLogins.accept(new ProviderLogins.Vouched(claims.getSubject(), name == null ? null : String.valueOf(name),
                    claims.getClaimValue(providerLogins.organisationClaim()), claims.getClaimValue(providerLogins.rolesClaim())));
            Sessions.Opened opened = sessions.open(account);
            // A page, not a redirect: the way here began at the provider's site, and a browser does not send a
            // SameSite=Strict cookie along a redirect chain another site started; a navigation from this page does.
            String page = "<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><meta http-equiv=\"refresh\" content=\"0;url=/\">"
                    + "<title>PDX Hub</title></head><body><p><a href=\"/\" id=\"continue\">继续 / Continue</a></p></body></html>";
            return Response.ok(page).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                    .cookie(cookie(Sessions.COOKIE, opened.id(), -1), forget).build();
        } catch (ProblemException e) {
            return Response.fromResponse(console.refusal(e)).cookie(forget).build();
        } catch (MalformedClaimException e) {
            return Response.fromResponse(console.refusal(new ProblemException(401, "oidc.login", "Login refused",
                    "the identity provider's ID token has a malformed subject", "sub"))).cookie(forget).build();
        }
    }

    private URI callbackUri() {
        // The request's authority: the Host header in HTTP/1.1, :authority in HTTP/2.
        return URI.create(providerLogins.redirectUri().orElseGet(() -> (http.isSSL() ? "https" : "http") + "://"
                + http.authority().host() + (http.authority().port() > 0 ? ":" + http.authority().port() : "") + "/login/oidc/callback"));
    }

    /** The login's state and nonce, for ten minutes, on the callback's path; Lax, since it comes back from the provider's site. */
    private NewCookie providerCookie(String value, int maxAge) {
        return new NewCookie.Builder(PROVIDER_COOKIE).value(value).path("/login/oidc").httpOnly(true).maxAge(maxAge)
                .secure(config.secureCookie() || http.isSSL()).sameSite(NewCookie.SameSite.LAX).build();
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
