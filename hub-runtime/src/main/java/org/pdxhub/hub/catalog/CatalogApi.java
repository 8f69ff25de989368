package org.pdxhub.hub.catalog;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.resteasy.reactive.jackson.CustomDeserialization;
import io.quarkus.security.Authenticated;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.pdxhub.hub.access.Agency;
import org.pdxhub.hub.access.Caller;
import org.pdxhub.hub.access.CurrentCaller;
import org.pdxhub.hub.access.Role;
import org.pdxhub.hub.api.ProblemException;
import org.pdxhub.hub.api.StrictJson;
import org.pdxhub.hub.calendar.Deadlines;
import org.pdxhub.hub.calendar.WorkingDayCalendar;
import org.pdxhub.plugin.OpenType;
import org.pdxhub.plugin.ShareType;

import java.io.IOException;
import java.net.URI;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

@CustomDeserialization(StrictJson.Bodies.class)
@Path("/api/v1/catalog")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Catalog", description = "The public data catalog (公共数据目录): resources, review, changes, import, art. 8 deadlines")
public class CatalogApi {

    public record SubmitRequest(String note) {
    }

    /** @param securityReview required to approve a change that opens a resource further (art. 25) */
    public record ReviewRequest(CatalogWorkflow.Decision decision, String comment, SecurityReview securityReview,
                                AgencyApprovals approvals) {
    }

    public record RetireRequest(String reason) {
    }

    /** @param changedOn the day the law or duty changed: the deadline counts from it */
    public record DutyChangeRequest(String organisation, DutyChange.Kind kind, String description, LocalDate changedOn) {
    }

    /**
     * @param answer a free text, as earlier versions took it: refused, it closes nothing
     */
    public record AnswerRequest(DutyChange.AnswerKind kind, Long catalogChange, String resource, String reason, String answer) {
    }

    public record DutyReviewRequest(DutyChange.Outcome decision, String comment) {
    }

    /** The result of an import: the drafts it created, to be submitted for review. */
    public record ImportResult(int imported, List<String> codes, ResourceStatus status) {
    }

    /** Art. 8 supervision: unanswered changes of law or duty, overdue first. */
    public record UpdatesDue(LocalDate today, int deadlineWorkingDays, List<DutyChange> overdue, List<DutyChange> due) {
    }

    @Inject
    Catalog catalog;

    @Inject
    CatalogWorkflow workflow;

    @Inject
    CatalogImport importer;

    @Inject
    DutyChanges dutyChanges;

    @Inject
    CurrentCaller caller;

    @Inject
    WorkingDayCalendar calendar;

    @Inject
    Deadlines deadlines;

    @Inject
    ObjectMapper json;

    @Inject
    Agency agency;

    private volatile ObjectMapper strictJson;

    @POST
    @Path("resources")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Role.SPECIALIST_)
    @Operation(summary = "Draft a resource (data specialist of the provider)",
            description = "Creates a DRAFT. A CONDITIONAL share or open type needs shareConditions/openConditions; NONE needs"
                    + " shareBasis/openBasis (art. 15, 23). Items name their identifier kind and masking rule by plugin name;"
                    + " an item's source (USCC, default the provider) is its authoritative source (一数一源, art. 9).")
    public Response create(@RequestBody(content = @Content(schema = @Schema(implementation = ResourceDraft.class))) byte[] body)
            throws IOException {
        ResourceDraft draft = strict(body, ResourceDraft.class);
        if (draft == null) {
            throw ProblemException.badRequest("missing-body", null, "send the resource as JSON");
        }
        CatalogResource r = workflow.draft(draft, caller.get());
        return Response.created(URI.create("/api/v1/catalog/resources/" + r.code())).entity(r).build();
    }

    @GET
    @Path("resources")
    @Authenticated
    @Operation(summary = "List resources", description = "Filter by status (DRAFT, SUBMITTED, RETURNED, PUBLISHED, RETIRED),"
            + " provider (USCC), shareType and openType. Drafts are listed only to their provider, reviewers and admins.")
    public List<ResourceSummary> list(@QueryParam("status") String status, @QueryParam("provider") String provider,
                                      @QueryParam("shareType") String shareType, @QueryParam("openType") String openType) {
        Caller c = caller.get();
        return catalog.list(parse(ResourceStatus.class, status, "status"), CatalogRules.clean(provider),
                        parse(ShareType.class, shareType, "shareType"), parse(OpenType.class, openType, "openType"))
                .stream().filter(s -> visible(s.status(), s.provider(), c)).toList();
    }

    @GET
    @Path("resources/{code}")
    @Authenticated
    @Operation(summary = "One resource: definition, status, version, pending change, repeat-collection flags",
            description = "With ?version=N, that published version (earlier versions stay readable).")
    public CatalogResource get(@PathParam("code") String code,
                               @QueryParam("version") @Parameter(description = "a published version") Integer version) {
        CatalogResource r = (version == null ? catalog.find(code) : catalog.find(code, version))
                .orElseThrow(() -> ProblemException.notFound(version == null ? "catalog resource" : "published version " + version + " of", code));
        Caller c = caller.get();
        if (version == null && !visible(r.status(), r.provider(), c)) {
            throw ProblemException.forbidden("catalog.not-visible", code + " is " + r.status() + ": until it is published it is seen"
                    + " only by its provider's keys and a REVIEWER or ADMIN of the data agency " + agency.uscc() + "; this key is "
                    + c.roles() + " of " + c.organisation());
        }
        return r;
    }

    @PUT
    @Path("resources/{code}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Role.SPECIALIST_)
    @Operation(summary = "Replace the definition of a DRAFT or RETURNED resource")
    public CatalogResource edit(@PathParam("code") String code,
                                @RequestBody(content = @Content(schema = @Schema(implementation = ResourceDraft.class))) byte[] body)
            throws IOException {
        ResourceDraft draft = strict(body, ResourceDraft.class);
        if (draft == null) {
            throw ProblemException.badRequest("missing-body", null, "send the resource as JSON");
        }
        return workflow.edit(code, draft, caller.get());
    }

    @POST
    @Path("resources/{code}/submit")
    @RolesAllowed(Role.SPECIALIST_)
    @Operation(summary = "Submit a draft for review (DRAFT or RETURNED → SUBMITTED)",
            description = "The body is optional: {\"note\":...} for the reviewer.")
    public CatalogResource submit(@PathParam("code") String code,
                                  @RequestBody(required = false, content = @Content(schema = @Schema(implementation = SubmitRequest.class)))
                                  byte[] body) throws IOException {
        // Read as bytes: a bare POST without body or Content-Type is the common case, not a 415.
        SubmitRequest request = strict(body, SubmitRequest.class);
        return workflow.submit(code, request == null ? null : request.note(), caller.get());
    }

    @POST
    @Path("resources/{code}/review")
    @Consumes(MediaType.APPLICATION_JSON)
    @Authenticated
    @Operation(summary = "Review what waits on a resource (a REVIEWER of the data agency, pdx.node.agency; any other key: 403 naming it)",
            description = "{\"decision\":\"APPROVE\"|\"RETURN\",\"comment\":...}. Reviews the submitted draft (APPROVE publishes"
                    + " version 1) or the pending change (APPROVE publishes the next version) or retirement. RETURN needs a comment."
                    + " Approving a change that opens the resource further (openRaise), or a new resource declared open, needs"
                    + " securityReview: {deIdentificationMethod, consentOrLegalBasis, secrecyClassificationChecked}, each a statement"
                    + " of at least pdx.catalog.min-statement-length characters (art. 25); a missing item is a 400 naming it."
                    + " Approving an entry that collects again an item another resource provides as its authoritative source"
                    + " (repeatCollection), or that declares bought data (purchase: supplier, contract), needs the agency's"
                    + " statement in approvals: {secondCollection, purchase} (art. 9). The review queue lists each entry's needs.")
    public CatalogResource review(@PathParam("code") String code, ReviewRequest request) {
        if (request == null) {
            throw ProblemException.badRequest("missing-field", "decision", "send {\"decision\":\"APPROVE\"|\"RETURN\",\"comment\":...}");
        }
        return workflow.review(code, request.decision(), request.comment(), request.securityReview(), request.approvals(),
                caller.get());
    }

    @POST
    @Path("resources/{code}/changes")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Role.SPECIALIST_)
    @Operation(summary = "Propose a change of a published resource",
            description = "Fields left out keep their value; items, when given, replace the list; reason is required."
                    + " Every change waits for the agency's review (202, art. 8) unless it touches only the fields declared"
                    + " editorial (pdx.catalog.editorial-fields, default name and description), which publish the next version"
                    + " at once (200). A raise of shareType or openType needs upgradeGround (DE_IDENTIFICATION or CONSENT; from"
                    + " CONDITIONAL also LEGAL_BASIS) and upgradeEvidence of at least pdx.catalog.min-statement-length characters.")
    public Response propose(@PathParam("code") String code,
                            @RequestBody(content = @Content(schema = @Schema(implementation = ChangeRequest.class))) byte[] body)
            throws IOException {
        CatalogChange change = workflow.proposeChange(code, strict(body, ChangeRequest.class), caller.get());
        return Response.status(change.status() == CatalogChange.Status.PENDING ? 202 : 200).entity(change).build();
    }

    @GET
    @Path("resources/{code}/changes")
    @Authenticated
    @Operation(summary = "Changes proposed to a resource, with their review")
    public List<CatalogChange> changes(@PathParam("code") String code) {
        get(code, null);
        return catalog.changes(code);
    }

    @POST
    @Path("resources/{code}/retire")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Role.SPECIALIST_, Role.REVIEWER_})
    @Operation(summary = "Retire a published resource", description = "{\"reason\":...}. A reviewer retires at once; the"
            + " provider's specialist asks, and the retirement waits for review.")
    public CatalogResource retire(@PathParam("code") String code, RetireRequest request) {
        return workflow.retire(code, request == null ? null : request.reason(), caller.get());
    }

    @GET
    @Path("resources/{code}/history")
    @Authenticated
    @Operation(summary = "Every lifecycle step of a resource: who, when, why")
    public List<Transition> history(@PathParam("code") String code) {
        get(code, null);
        return catalog.history(code);
    }

    @GET
    @Path("review-queue")
    @Authenticated
    @Operation(summary = "What waits for a reviewer: submitted resources, pending changes and retirements, oldest first")
    public List<ReviewItem> reviewQueue() {
        Caller c = caller.get();
        if (!agency.is(c, Role.REVIEWER) && !agency.is(c, Role.ADMIN)) {
            throw agency.notReviewer(c, "the review queue");
        }
        return catalog.reviewQueue();
    }

    @POST
    @Path("import")
    @Consumes({MediaType.APPLICATION_JSON, CatalogImport.CSV, CatalogImport.XLSX})
    @RolesAllowed({Role.SPECIALIST_, Role.ADMIN_})
    @RequestBody(content = {
            @Content(mediaType = MediaType.APPLICATION_JSON),
            @Content(mediaType = CatalogImport.CSV),
            @Content(mediaType = CatalogImport.XLSX)})
    @Operation(summary = "Import catalog entries from JSON, CSV or XLSX as drafts (art. 40); all or nothing",
            description = "JSON: {\"resources\":[...]} or an array, each entry as POST /resources takes it. CSV (UTF-8, header"
                    + " row) and XLSX (first sheet, header in row 1): one row per data item, rows grouped by code, columns"
                    + " code, name, provider, description, category, shareType, openType, shareConditions, shareBasis,"
                    + " openConditions, openBasis, updateCycle, format, keyField, item, itemTitle, type, personal,"
                    + " sensitivity, identifierKind, maskingRule, source (required: code, name, provider, category,"
                    + " shareType, openType, updateCycle, item, type, sensitivity). The resource's columns are read from"
                    + " its first row. A specialist imports only their organisation's resources. Any rejected row refuses"
                    + " the whole file: 400 problem with rows[] = {row, code, field, reason}; nothing is stored.")
    public Response importEntries(@HeaderParam("Content-Type") String contentType, byte[] body) {
        List<CatalogImport.Entry> entries = importer.parse(contentType, body == null ? new byte[0] : body);
        List<String> codes = workflow.importDrafts(entries, caller.get());
        return Response.status(201).entity(new ImportResult(codes.size(), codes, ResourceStatus.DRAFT)).build();
    }

    @GET
    @Path("overdue")
    @Authenticated
    @Operation(summary = "Catalog updates due after a change of law or duty (art. 8), overdue first",
            description = "Duty changes not closed: overdue (past dueBy, counted from changedOn) and due (with working days left).")
    public UpdatesDue overdue(@QueryParam("organisation") String organisation) {
        List<DutyChange> open = dutyChanges.list(CatalogRules.clean(organisation), true);
        return new UpdatesDue(calendar.today(), deadlines.catalogUpdate(), open.stream().filter(DutyChange::overdue).toList(),
                open.stream().filter(d -> !d.overdue()).toList());
    }

    @POST
    @Path("duty-changes")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Role.REVIEWER_, Role.ADMIN_, Role.SPECIALIST_})
    @Operation(summary = "Register a change of law or duty for an organisation: its catalog update is due 15 working days after it (art. 8)",
            description = "{\"organisation\":USCC,\"kind\":\"LAW\"|\"DUTY\",\"description\":...,\"changedOn\":\"yyyy-MM-dd\"}."
                    + " changedOn (required, not in the future) is the day the law or duty changed; dueBy counts the working days"
                    + " of pdx.deadlines.catalog-update from it on the working-day calendar.")
    public Response registerDutyChange(DutyChangeRequest request) {
        if (request == null) {
            throw ProblemException.badRequest("missing-body", null, "send {\"organisation\":...,\"kind\":\"LAW\"|\"DUTY\",\"description\":...}");
        }
        DutyChange d = dutyChanges.register(CatalogRules.clean(request.organisation()), request.kind(), request.description(),
                request.changedOn(), caller.get());
        return Response.status(201).entity(d).build();
    }

    @GET
    @Path("duty-changes")
    @Authenticated
    @Operation(summary = "Registered changes of law or duty, answered or not")
    public List<DutyChange> dutyChanges(@QueryParam("organisation") String organisation, @QueryParam("open") boolean openOnly) {
        return dutyChanges.list(CatalogRules.clean(organisation), openOnly);
    }

    @GET
    @Path("duty-changes/{id}")
    @Authenticated
    @Operation(summary = "One change of law or duty: its status (OPEN, AWAITING_REVIEW, CLOSED), answer and the agency's decision")
    public DutyChange dutyChange(@PathParam("id") long id) {
        return dutyChanges.find(id);
    }

    @POST
    @Path("duty-changes/{id}/answer")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Role.SPECIALIST_)
    @Operation(summary = "Answer a change of law or duty: a catalog change, a new resource, or why none needs to change",
            description = "{\"kind\":\"CATALOG_CHANGE\",\"catalogChange\":id} (a change proposed to one of your published resources),"
                    + " {\"kind\":\"NEW_RESOURCE\",\"resource\":code} (a resource you submitted), or {\"kind\":\"NO_CHANGE_NEEDED\","
                    + "\"reason\":...} (at least pdx.catalog.min-statement-length characters). The change closes when the agency"
                    + " has published the change or resource, or accepted the reason; a free text closes nothing.")
    public DutyChange answer(@PathParam("id") long id, AnswerRequest request) {
        String freeText = request == null ? null : CatalogRules.clean(request.answer());
        return dutyChanges.answer(id, request == null ? null : new DutyChanges.AnswerRequest(request.kind(), request.catalogChange(),
                request.resource(), request.reason()), freeText, caller.get());
    }

    @POST
    @Path("duty-changes/{id}/review")
    @Consumes(MediaType.APPLICATION_JSON)
    @Authenticated
    @Operation(summary = "The agency accepts or rejects a \"no change needed\" answer (a REVIEWER of the data agency)",
            description = "{\"decision\":\"ACCEPTED\"|\"REJECTED\",\"comment\":...}. ACCEPTED closes the duty change; REJECTED"
                    + " (comment required) reopens it for another answer, still due by the same date.")
    public DutyChange reviewAnswer(@PathParam("id") long id, DutyReviewRequest request) {
        return dutyChanges.decide(id, request == null ? null : request.decision(), request == null ? null : request.comment(), caller.get());
    }

    /**
     * Reads a definition refusing unknown fields (the application's mapper ignores them): a typo
     * such as "sharetype" is named in a 400 problem rather than read as a missing shareType.
     */
    private <T> T strict(byte[] body, Class<T> type) throws IOException {
        if (strictJson == null) {
            strictJson = json.copy().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        }
        return body == null || body.length == 0 ? null : strictJson.readValue(body, type);
    }

    /** Drafts and submissions are seen by their provider and the agency; published and retired ones by every key. */
    private boolean visible(ResourceStatus status, String provider, Caller c) {
        return status == ResourceStatus.PUBLISHED || status == ResourceStatus.RETIRED
                || agency.is(c, Role.REVIEWER) || agency.is(c, Role.ADMIN) || provider.equals(c.organisation());
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String value, String field) {
        String v = CatalogRules.clean(value);
        if (v == null) {
            return null;
        }
        try {
            return Enum.valueOf(type, v.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("invalid-filter", field, "'" + v + "' is not one of " + java.util.Arrays.toString(type.getEnumConstants()));
        }
    }
}
