package org.pdxhub.hub.console;

import io.quarkus.qute.Template;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.RestForm;
import org.pdxhub.hub.access.Role;
import org.pdxhub.hub.account.Accounts;
import org.pdxhub.hub.api.ProblemException;
import org.pdxhub.hub.calendar.WorkingDayCalendar;
import org.pdxhub.hub.organisation.OrganisationResource;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Administration: organisations, people's accounts, API keys for systems (the key shown once,
 * on the answer to the form), and which years the working-day calendar covers.
 */
@Path("/admin")
@PermitAll
public class AdminPage {

    @Inject
    Template admin;

    @Inject
    ConsoleRequest console;

    @Inject
    OrganisationResource organisations;

    @Inject
    Accounts accounts;

    @Inject
    WorkingDayCalendar calendar;

    @GET
    public Response page() {
        return console.view(() -> page(null));
    }

    @POST
    @Path("accounts")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response createAccount(@RestForm("_csrf") String csrf, @RestForm String username, @RestForm String organisation,
                                  @RestForm String displayName, @RestForm List<String> roles, @RestForm String password) {
        return console.act(csrf, () -> {
            accounts.create(new Accounts.NewAccount(username, organisation, displayName, roles(roles), password), console.caller());
            return "/admin?created=" + username;
        });
    }

    /** The key is in this answer and nowhere else: no redirect, so it is not in a URL or the history. */
    @POST
    @Path("keys")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response issueKey(@RestForm("_csrf") String csrf, @RestForm String organisation, @RestForm String id,
                             @RestForm String holder, @RestForm List<String> roles) {
        try {
            console.checkCsrf(csrf);
            Response r = organisations.issueKey(organisation, new OrganisationResource.KeyRequest(id, holder, roles(roles)));
            OrganisationResource.IssuedKey issued = (OrganisationResource.IssuedKey) r.getEntity();
            return Response.ok(page(issued)).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                    .header("Cache-Control", "no-store").build();
        } catch (LoginRequired e) {
            throw e;
        } catch (RuntimeException e) {
            return console.refusal(e);
        }
    }

    private io.quarkus.qute.TemplateInstance page(OrganisationResource.IssuedKey issued) {
        var caller = console.caller();
        if (!caller.has(Role.ADMIN)) {
            throw ProblemException.forbidden("console.admin-required", "administration needs the ADMIN role; this account is "
                    + caller.roles() + " of " + caller.organisation());
        }
        return console.page(admin, "admin").data("organisations", organisations.list()).data("accounts", accounts.list())
                .data("issued", issued).data("years", calendar.coveredYears()).data("roles", Role.values());
    }

    private static Set<Role> roles(List<String> names) {
        Set<Role> out = EnumSet.noneOf(Role.class);
        if (names != null) {
            for (String n : names) {
                try {
                    out.add(Role.valueOf(n));
                } catch (IllegalArgumentException e) {
                    throw ProblemException.badRequest("invalid-field", "roles", "a role is one of " + List.of(Role.values()));
                }
            }
        }
        return out;
    }
}
