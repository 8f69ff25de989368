package org.pdxhub.hub.console;

import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import org.pdxhub.hub.access.Caller;
import org.pdxhub.hub.access.Role;
import org.pdxhub.hub.account.SessionAuthenticationMechanism;
import org.pdxhub.hub.account.Sessions;
import org.pdxhub.hub.api.Problem;
import org.pdxhub.hub.api.ProblemException;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The console's view of one request: the session (or none), the person's language, and the
 * pieces every page shares. Pages render through {@link #page}; forms are checked by {@link #checkCsrf}.
 */
@RequestScoped
public class ConsoleRequest {

    static final String LANGUAGE_COOKIE = "pdx_lang";
    static final Locale CHINESE = Locale.SIMPLIFIED_CHINESE;

    @Inject
    SecurityIdentity identity;

    @Inject
    HttpServerRequest http;

    private Optional<Sessions.Session> session;

    /** The live session, if this request has one. */
    public Optional<Sessions.Session> session() {
        if (session == null) {
            try {
                session = identity.isAnonymous() ? Optional.empty()
                        : Optional.ofNullable(identity.getAttribute(SessionAuthenticationMechanism.SESSION_ATTRIBUTE));
            } catch (AuthenticationFailedException e) {
                session = Optional.empty();
            }
        }
        return session;
    }

    /** The session, or the login page. */
    public Sessions.Session require() {
        return session().orElseThrow(LoginRequired::new);
    }

    public Caller caller() {
        return require().account().asCaller();
    }

    /**
     * Every form the console serves carries the session's token; a post without it, or with
     * another session's, was not made from the console's own page (CSRF) and is refused.
     */
    public void checkCsrf(String token) {
        if (!require().csrfMatches(token)) {
            throw ProblemException.forbidden("console.csrf", "this form was not sent from a page of this session (its security"
                    + " token is missing or does not match): open the page again and send the form from there");
        }
    }

    public Locale locale() {
        Cookie c = http.getCookie(LANGUAGE_COOKIE);
        return c != null && "en".equals(c.getValue()) ? Locale.ENGLISH : CHINESE;
    }

    public boolean english() {
        return Locale.ENGLISH.equals(locale());
    }

    /** A template with what every page shows: the person, the navigation for their roles, the form token, the language. */
    public TemplateInstance page(Template template, String section) {
        TemplateInstance t = template.instance().setLocale(locale())
                .data("section", section)
                .data("lang", english() ? "en" : "zh-CN")
                .data("path", URLEncoder.encode(http.path() + (http.query() == null ? "" : "?" + http.query()), StandardCharsets.UTF_8));
        session().ifPresentOrElse(s -> {
            Caller c = s.account().asCaller();
            t.data("account", s.account()).data("csrf", s.csrfToken())
                    .data("canReview", c.has(Role.REVIEWER)).data("isAdmin", c.has(Role.ADMIN))
                    .data("isSpecialist", c.has(Role.SPECIALIST));
        }, () -> t.data("account", null).data("csrf", "").data("canReview", false).data("isAdmin", false).data("isSpecialist", false));
        return t;
    }

    @Inject
    Template refused;

    /** Renders a page; a refusal by a service or a role check on the way is shown in words, with its status. */
    public Response view(Supplier<TemplateInstance> page) {
        try {
            return Response.ok(page.get()).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).build();
        } catch (LoginRequired e) {
            throw e;
        } catch (ProblemException | ForbiddenException e) {
            return refusal(e);
        }
    }

    /**
     * Runs a form's action after its CSRF check; on success the browser is sent to the page the
     * action returns (post, redirect, get), on refusal it sees the problem in words.
     */
    public Response act(String csrf, Supplier<String> action) {
        try {
            checkCsrf(csrf);
            return Response.seeOther(URI.create(action.get())).build();
        } catch (LoginRequired e) {
            throw e;
        } catch (ProblemException | ForbiddenException e) {
            return refusal(e);
        }
    }

    public Response refusal(RuntimeException e) {
        Problem p = problemOf(e);
        if (e instanceof ForbiddenException) {
            // The role check of an endpoint says no more than "forbidden"; the person is told which roles they hold.
            p = new Problem(p.type(), p.title(), p.status(), p.detail() + " (this account: " + caller().roles() + " of "
                    + caller().organisation() + ")", p.field());
        }
        return Response.status(p.status()).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .entity(page(refused, "").data("problem", p)).build();
    }

    /** The problem detail a refusal carries, as the API would answer it. */
    public static Problem problemOf(RuntimeException e) {
        if (e instanceof ProblemException p) {
            return p.toProblem();
        }
        if (e instanceof ForbiddenException) {
            return new Problem("urn:pdx:problem:forbidden", "Forbidden", 403,
                    "this account's roles do not allow this" + (e.getMessage() == null ? "" : ": " + e.getMessage()), null);
        }
        throw e;
    }
}
