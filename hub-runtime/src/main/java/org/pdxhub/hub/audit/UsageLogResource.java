package org.pdxhub.hub.audit;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.pdxhub.hub.access.Caller;
import org.pdxhub.hub.access.CurrentCaller;
import org.pdxhub.hub.access.Role;
import org.pdxhub.hub.api.ProblemException;
import org.pdxhub.hub.catalog.Catalog;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

@Path("/api/v1/usage-log")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Usage log")
public class UsageLogResource {

    @Inject
    UsageLog log;

    @Inject
    UsageWitness witness;

    @Inject
    CurrentCaller caller;

    @Inject
    Catalog catalog;

    @GET
    @RolesAllowed({Role.ADMIN_, Role.REVIEWER_, Role.SPECIALIST_, Role.SYSTEM_})
    @Operation(summary = "Usage-log entries, newest first; reviewers and admins see all, a provider's SPECIALIST every entry of its"
            + " own resource (resource=CODE), others their organisation's")
    public List<UsageEntry> entries(@QueryParam("resource") String resource, @QueryParam("organisation") String organisation,
                                    @QueryParam("person") String person, @QueryParam("from") String from,
                                    @QueryParam("to") String to, @QueryParam("limit") @DefaultValue("100") int limit) {
        Caller c = caller.get();
        // Art. 19: a provider's SPECIALIST reads who used its own resource (every organisation's reads of it).
        boolean ownResource = resource != null && c.has(Role.SPECIALIST)
                && catalog.find(resource).map(r -> r.provider().equals(c.organisation())).orElse(false);
        if (!c.has(Role.ADMIN) && !c.has(Role.REVIEWER) && !ownResource) {
            if (organisation != null && !organisation.equals(c.organisation())) {
                throw ProblemException.forbidden("usage-log.other-organisation", "you may read only your organisation's entries");
            }
            organisation = c.organisation();
        }
        if (limit < 1 || limit > 10_000) {
            throw ProblemException.badRequest("invalid-parameter", "limit", "limit must be between 1 and 10000");
        }
        return log.query(new UsageLog.Query(resource, organisation, person, instant("from", from), instant("to", to), limit));
    }

    @GET
    @Path("verify")
    @RolesAllowed({Role.ADMIN_, Role.REVIEWER_})
    @Operation(summary = "Walk the sealed chain after the last checkpoint (from=1: the whole chain) and compare its end with the"
            + " signed and witnessed heads: {entries, intact} or the first entry where it breaks")
    public UsageLog.Verification verify(@QueryParam("from") Long from) {
        if (from != null && from < 1) {
            throw ProblemException.badRequest("invalid-parameter", "from", "from is an entry number, 1 or more (1: the whole chain)");
        }
        return log.verify(from);
    }

    @GET
    @Path("witness")
    @RolesAllowed({Role.ADMIN_, Role.REVIEWER_})
    @Operation(summary = "At a parent: the last usage-log head each child node sent up, and any head that went back")
    public List<UsageWitness.Witnessed> witness() {
        return witness.list();
    }

    private static Instant instant(String name, String value) {
        if (value == null) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest("invalid-parameter", name, name + " must be an instant like 2026-11-27T08:00:00Z");
        }
    }
}
