package org.pdxhub.hub.exchange;

import io.quarkus.resteasy.reactive.jackson.CustomDeserialization;
import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.pdxhub.hub.access.Caller;
import org.pdxhub.hub.access.CurrentCaller;
import org.pdxhub.hub.api.ProblemException;
import org.pdxhub.hub.api.StrictJson;
import org.pdxhub.hub.catalog.Catalog;
import org.pdxhub.hub.catalog.CatalogResource;
import org.pdxhub.hub.catalog.ResourceStatus;
import org.pdxhub.hub.catalog.UpdateCycle;
import org.pdxhub.hub.sharing.DataRequest;
import org.pdxhub.hub.sharing.Demands;
import org.pdxhub.hub.sharing.Grant;
import org.pdxhub.hub.sharing.GrantSource;
import org.pdxhub.hub.sharing.Grants;
import org.pdxhub.hub.sharing.Requests;
import org.pdxhub.plugin.DataType;
import org.pdxhub.plugin.OpenType;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

/**
 * Open data (开放, art. 22-27), the only paths that answer without a key: the list of open
 * resources, their data masked with the open profile through the gate, and the public's demands
 * for data not yet open. A CONDITIONAL resource's data needs the key of an organisation whose
 * open application was approved.
 */
@CustomDeserialization(StrictJson.Bodies.class)
@Path("/api/v1/open")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Open data", description = "Public: no key needed (art. 26, 27)")
public class OpenDataResource {

    static final String PUBLIC = "public";
    static final String DOWNLOAD = "open data download";

    /** A data item as the public sees it: no masking rules, no sources. */
    public record OpenItem(String name, String title, DataType type) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record OpenResource(String code, String name, String provider, String description, OpenType openType, String openConditions,
                               UpdateCycle updateCycle, int version, List<OpenItem> items, String data, String apply) {
    }

    /** What the public is told about its demand. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record PublicDemandView(String id, String status, LocalDate submittedOn, LocalDate dueBy, boolean routedToAgency,
                                   String routingNote, String decision, String reason, String basis) {

        static PublicDemandView of(DataRequest r) {
            return new PublicDemandView(r.id(), r.status().name(), r.submittedOn(), r.dueBy(), r.routedToAgency(), r.routingNote(),
                    r.decision() == null ? null : r.decision().name(), r.decisionReason(), r.decisionBasis());
        }
    }

    @Inject
    Demands demands;

    @Inject
    Clock clock;

    @Inject
    Catalog catalog;

    @Inject
    ExchangeService exchange;

    @Inject
    Grants grants;

    @Inject
    Requests requests;

    @Inject
    CurrentCaller caller;

    @GET
    @Path("resources")
    @PermitAll
    @Operation(summary = "Published resources open without conditions (openType=CONDITIONAL lists those that need an application)")
    public List<OpenResource> list(@QueryParam("openType") @DefaultValue("UNCONDITIONAL") String openType) {
        OpenType type;
        try {
            type = OpenType.valueOf(openType.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            type = null;
        }
        if (type == null || type == OpenType.NONE) {
            throw ProblemException.badRequest("invalid-parameter", "openType", "openType is UNCONDITIONAL or CONDITIONAL");
        }
        return catalog.list(ResourceStatus.PUBLISHED, null, null, type).stream()
                .map(s -> catalog.find(s.code()).orElseThrow()).map(OpenDataResource::view).toList();
    }

    @GET
    @Path("resources/{code}/data")
    @PermitAll
    @Operation(summary = "The open data of a resource, masked by the open-data profile, logged in the usage log",
            description = "Without a key for an UNCONDITIONAL resource (person 'public' unless Pdx-Person is sent, purpose 'open data"
                    + " download' unless Pdx-Purpose is sent). A CONDITIONAL resource needs the key of an organisation holding a live"
                    + " grant from an approved open application.")
    public ExchangeService.Shared data(@PathParam("code") String code, @HeaderParam("Pdx-Person") String person,
                                       @HeaderParam("Pdx-Purpose") String purpose, @HeaderParam("Pdx-Trace-Id") String traceId,
                                       @QueryParam("offset") @DefaultValue("0") int offset, @QueryParam("limit") @DefaultValue("100") int limit) {
        if (limit < 1 || limit > 10_000 || offset < 0) {
            throw ProblemException.badRequest("invalid-parameter", "limit", "limit must be 1..10000 and offset at least 0");
        }
        CatalogResource r = catalog.find(code).filter(c -> c.status() == ResourceStatus.PUBLISHED).orElse(null);
        Caller c = caller.isAnonymous() ? null : caller.get();
        Grant grant = null;
        if (r != null && r.openType() == OpenType.CONDITIONAL) {
            if (c == null) {
                throw new ProblemException(401, "open.key-required", "Unauthenticated", code + " is open on conditions (有条件开放):"
                        + " apply with POST /api/v1/open-applications, then download with your key", "Authorization");
            }
            grant = grants.bestFor(c.organisation(), code, Instant.now(clock), GrantSource.OPEN_APPLICATION).orElse(null);
        }
        String who = person == null || person.isBlank() ? (c == null ? PUBLIC : c.holder()) : person;
        String why = purpose == null || purpose.isBlank() ? DOWNLOAD : purpose;
        return exchange.readOpen(code, new ExchangeService.Party(c == null ? null : c.organisation(), who, why, traceId, c == null ? null : c.keyId()),
                grant == null ? null : grant.spec(), offset, limit);
    }

    @POST
    @Path("demands")
    @PermitAll
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "The public asks for data not yet open (art. 27)",
            description = "Body: description (required), name, contact, resource (a catalog code, if known), provider (USCC, if known),"
                    + " purpose. Routed to the provider's data specialist when the provider is known here, else to the agency reviewer."
                    + " Keep the returned id to follow the demand at GET /api/v1/open/demands/{id}.")
    public Response demand(Demands.PublicDemandAsk body) {
        DataRequest r = demands.submitPublic(body);
        return Response.created(URI.create("/api/v1/open/demands/" + r.id())).entity(PublicDemandView.of(r)).build();
    }

    @GET
    @Path("demands/{id}")
    @PermitAll
    @Operation(summary = "Where a public demand stands: status, dueBy, the response")
    public PublicDemandView demandStatus(@PathParam("id") String id) {
        return PublicDemandView.of(requests.publicDemand(id));
    }

    private static OpenResource view(CatalogResource r) {
        boolean conditional = r.openType() == OpenType.CONDITIONAL;
        return new OpenResource(r.code(), r.name(), r.provider(), r.description(), r.openType(), r.openConditions(), r.updateCycle(),
                r.version(), r.items().stream().map(i -> new OpenItem(i.name(), i.title(), i.type())).toList(),
                "/api/v1/open/resources/" + r.code() + "/data", conditional ? "/api/v1/open-applications" : null);
    }
}
