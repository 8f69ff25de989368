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
import org.pdxhub.hub.account.Accounts;
import org.pdxhub.hub.account.ConsoleConfig;
import org.pdxhub.hub.account.Sessions;

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

    @GET
    @Path("login")
    public Response form() {
        String token = Sessions.newToken();
        return Response.ok(console.page(login, "login").data("loginToken", token).data("error", null))
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
                .entity(console.page(login, "login").data("loginToken", token).data("error", errorKey).data("lockedUntil", lockedUntil))
                .cookie(cookie(LOGIN_COOKIE, token, -1)).build();
    }

    /** HttpOnly, SameSite=Strict, and Secure when the request came over TLS (or the node is told it sits behind TLS). */
    private NewCookie cookie(String name, String value, int maxAge) {
        return new NewCookie.Builder(name).value(value).path("/").httpOnly(true).maxAge(maxAge)
                .secure(config.secureCookie() || http.isSSL()).sameSite(NewCookie.SameSite.STRICT).build();
    }
}
