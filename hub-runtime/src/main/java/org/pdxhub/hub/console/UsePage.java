package org.pdxhub.hub.console;

import io.quarkus.qute.Template;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import org.pdxhub.hub.audit.UsageEntry;
import org.pdxhub.hub.audit.UsageLog;
import org.pdxhub.hub.audit.UsageLogResource;
import org.pdxhub.hub.lineage.LineageResource;
import org.pdxhub.hub.sharing.GrantResource;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Grants and use: the grants the person's organisation holds (with a resource: every grant on
 * it, for its provider and the agency), and (使用日志, art. 19) the usage log filtered by resource, organisation, person and time,
 * newest first, a page at a time (the next page continues before the oldest entry shown). The
 * API's endpoint decides what this person may read.
 */
@Path("/use")
@PermitAll
public class UsePage {

    static final int PAGE = 50;

    @Inject
    Template use;

    @Inject
    ConsoleRequest console;

    @Inject
    UsageLogResource log;

    @Inject
    GrantResource grants;

    @Inject
    Template useVerify;

    @Inject
    Template useLineage;

    @Inject
    LineageResource lineage;

    @GET
    public Response page(@QueryParam("resource") String resource, @QueryParam("organisation") String organisation,
                         @QueryParam("person") String person, @QueryParam("from") String from, @QueryParam("to") String to) {
        return console.view(() -> {
            console.require();
            List<UsageEntry> entries = log.entries(CatalogPages.blankToNull(resource), CatalogPages.blankToNull(organisation),
                    CatalogPages.blankToNull(person), CatalogPages.blankToNull(from), CatalogPages.blankToNull(to), PAGE + 1);
            boolean more = entries.size() > PAGE;
            List<UsageEntry> shown = more ? entries.subList(0, PAGE) : entries;
            Map<String, Integer> byDecision = new TreeMap<>();
            shown.forEach(e -> byDecision.merge(String.valueOf(e.decision()), 1, Integer::sum));
            return console.page(use, "use").data("entries", shown).data("more", more)
                    .data("olderThan", more ? shown.get(shown.size() - 1).at().minusNanos(1).toString() : null)
                    .data("resource", CatalogPages.nz(resource)).data("organisation", CatalogPages.nz(organisation))
                    .data("person", CatalogPages.nz(person)).data("from", CatalogPages.nz(from)).data("to", CatalogPages.nz(to))
                    .data("byDecision", byDecision)
                    .data("grants", grants.held(CatalogPages.blankToNull(resource)));
        });
    }

    /**
     * The chain walked from the last checkpoint and compared with the signed and witnessed heads,
     * and (at a parent) the heads each child sent up: a button, not part of the list, since it reads the chain.
     * The API's roles decide (ADMIN, REVIEWER).
     */
    @GET
    @Path("verify")
    public Response verify() {
        return console.view(() -> {
            console.require();
            UsageLog.Verification verification = log.verify(null);
            return console.page(useVerify, "use").data("v", verification).data("witnessed", log.witness());
        });
    }

    /** The lineage of one record as the path it took across levels (county → prefecture → province), hop by hop. */
    @GET
    @Path("lineage")
    public Response lineage(@QueryParam("resource") String resource, @QueryParam("key") String key) {
        return console.view(() -> {
            console.require();
            boolean asked = CatalogPages.blankToNull(resource) != null && CatalogPages.blankToNull(key) != null;
            return console.page(useLineage, "use").data("resource", CatalogPages.nz(resource)).data("key", CatalogPages.nz(key))
                    .data("view", asked ? lineage.of(resource.strip(), key.strip()) : null);
        });
    }
}
