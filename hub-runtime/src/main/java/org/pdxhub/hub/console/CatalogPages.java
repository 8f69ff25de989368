package org.pdxhub.hub.console;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;
import org.pdxhub.hub.access.Role;
import org.pdxhub.hub.api.ProblemException;
import org.pdxhub.hub.catalog.AgencyApprovals;
import org.pdxhub.hub.catalog.CatalogApi;
import org.pdxhub.hub.catalog.CatalogChange;
import org.pdxhub.hub.catalog.CatalogImport;
import org.pdxhub.hub.catalog.CatalogResource;
import org.pdxhub.hub.catalog.CatalogWorkflow;
import org.pdxhub.hub.catalog.ImportRefused;
import org.pdxhub.hub.catalog.ResourceCategory;
import org.pdxhub.hub.catalog.ResourceDraft;
import org.pdxhub.hub.catalog.ResourceStatus;
import org.pdxhub.hub.catalog.ReviewItem;
import org.pdxhub.hub.catalog.ResourceSummary;
import org.pdxhub.hub.catalog.SecurityReview;
import org.pdxhub.hub.catalog.UpdateCycle;
import org.pdxhub.plugin.DataType;
import org.pdxhub.plugin.OpenType;
import org.pdxhub.plugin.ShareType;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The catalog (公共数据目录): browse and search, a resource with its items, versions and their
 * differences, drafting, submitting, importing a workbook, and the agency's review. Every action
 * goes through {@link CatalogApi}, the API's own endpoint bean, with the same role checks and rules.
 */
@Path("/catalog")
@PermitAll
public class CatalogPages {

    static final int PAGE = 50;

    /** One field that differs between two versions. */
    public record Difference(String field, String from, String to) {
    }

    @Inject
    Template catalog;

    @Inject
    Template resource;

    @Inject
    Template draft;

    @Inject
    Template catalogImport;

    @Inject
    ConsoleRequest console;

    @Inject
    CatalogApi api;

    @Inject
    ObjectMapper json;

    @GET
    public Response list(@QueryParam("q") String q, @QueryParam("status") String status, @QueryParam("provider") String provider,
                         @QueryParam("shareType") String shareType, @QueryParam("openType") String openType,
                         @QueryParam("category") String category, @QueryParam("page") Integer page) {
        return console.view(() -> {
            console.require();
            String needle = blank(q) ? null : q.strip().toLowerCase(Locale.ROOT);
            List<ResourceSummary> all = api.list(blankToNull(status), blankToNull(provider), blankToNull(shareType), blankToNull(openType))
                    .stream()
                    .filter(r -> needle == null || r.code().toLowerCase(Locale.ROOT).contains(needle) || r.name().toLowerCase(Locale.ROOT).contains(needle))
                    .filter(r -> blank(category) || r.category().name().equals(category))
                    .toList();
            int p = page == null || page < 1 ? 1 : page;
            int from = Math.min((p - 1) * PAGE, all.size());
            return console.page(catalog, "catalog").data("resources", all.subList(from, Math.min(from + PAGE, all.size())))
                    .data("total", all.size()).data("page", p).data("hasNext", from + PAGE < all.size())
                    .data("q", q == null ? "" : q).data("status", nz(status)).data("provider", nz(provider)).data("shareType", nz(shareType))
                    .data("openType", nz(openType)).data("category", nz(category))
                    .data("statuses", ResourceStatus.values()).data("shareTypes", ShareType.values())
                    .data("openTypes", OpenType.values()).data("categories", ResourceCategory.values());
        });
    }

    @GET
    @Path("{code}")
    public Response detail(@PathParam("code") String code, @QueryParam("from") Integer from, @QueryParam("to") Integer to) {
        return console.view(() -> {
            console.require();
            CatalogResource r = api.get(code, null);
            List<CatalogChange> changes = api.changes(code);
            List<Difference> diff = List.of();
            Integer a = from;
            Integer b = to;
            if (a == null && b == null && r.pendingChange() != null && r.pendingChange().proposed() != null) {
                diff = differences(r, r.pendingChange().proposed());
            } else if (a != null && b != null) {
                diff = differences(api.get(code, a), api.get(code, b).toDraft());
            }
            List<Integer> versions = new ArrayList<>();
            for (int v = 1; v <= r.latestVersion(); v++) {
                versions.add(v);
            }
            boolean canReviewThis = console.caller().has(Role.REVIEWER)
                    && (r.pendingChange() != null || r.status() == ResourceStatus.SUBMITTED);
            // What approving needs beyond the decision, as the API's review queue says (arts. 9, 25).
            List<AgencyApprovals.Need> needs = canReviewThis ? needsOf(code) : List.of();
            return console.page(resource, "catalog").data("r", r).data("history", api.history(code)).data("changes", changes)
                    .data("diff", diff).data("versions", versions).data("from", a).data("to", b)
                    .data("canReviewThis", canReviewThis)
                    .data("openRaise", needs.contains(AgencyApprovals.Need.SECURITY_REVIEW))
                    .data("needsSecondCollection", needs.contains(AgencyApprovals.Need.SECOND_COLLECTION))
                    .data("needsPurchase", needs.contains(AgencyApprovals.Need.PURCHASE));
        });
    }

    @POST
    @Path("{code}/submit")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response submit(@PathParam("code") String code, @RestForm("_csrf") String csrf, @RestForm String note) {
        return console.act(csrf, () -> {
            try {
                api.submit(code, body(blank(note) ? Map.of() : Map.of("note", note)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return "/catalog/" + code + "?done=submitted";
        });
    }

    /** Empty for a reviewer who is not the agency's: the review itself then answers why not. */
    private List<AgencyApprovals.Need> needsOf(String code) {
        try {
            return api.reviewQueue().stream().filter(i -> i.code().equals(code)).findFirst().map(ReviewItem::needs).orElse(List.of());
        } catch (ProblemException notTheAgencys) {
            return List.of();
        }
    }

    @POST
    @Path("{code}/review")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response review(@PathParam("code") String code, @RestForm("_csrf") String csrf, @RestForm String decision,
                           @RestForm String comment, @RestForm String deIdentificationMethod, @RestForm String consentOrLegalBasis,
                           @RestForm String secrecyClassificationChecked, @RestForm String secondCollection,
                           @RestForm String purchase) {
        return console.act(csrf, () -> {
            CatalogWorkflow.Decision d = "RETURN".equals(decision) ? CatalogWorkflow.Decision.RETURN
                    : "APPROVE".equals(decision) ? CatalogWorkflow.Decision.APPROVE : null;
            SecurityReview checklist = blank(deIdentificationMethod) && blank(consentOrLegalBasis) && blank(secrecyClassificationChecked)
                    ? null : new SecurityReview(blankToNull(deIdentificationMethod), blankToNull(consentOrLegalBasis),
                    blankToNull(secrecyClassificationChecked));
            AgencyApprovals approvals = blank(secondCollection) && blank(purchase) ? null
                    : new AgencyApprovals(blankToNull(secondCollection), blankToNull(purchase));
            api.review(code, new CatalogApi.ReviewRequest(d, blankToNull(comment), checklist, approvals));
            return "/catalog/" + code + "?done=" + (d == CatalogWorkflow.Decision.RETURN ? "returned" : "approved");
        });
    }

    @GET
    @Path("new")
    public Response newDraft() {
        return console.view(() -> {
            console.require();
            return formPage();
        });
    }

    @POST
    @Path("new")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response createDraft(@RestForm("_csrf") String csrf, @RestForm String code, @RestForm String name,
                                @RestForm String description, @RestForm String category, @RestForm String shareType,
                                @RestForm String openType, @RestForm String shareConditions, @RestForm String shareBasis,
                                @RestForm String openConditions, @RestForm String openBasis, @RestForm String updateCycle,
                                @RestForm String itemName, @RestForm String itemTitle, @RestForm String itemType,
                                @RestForm String itemPersonal, @RestForm String itemSensitivity) {
        return console.act(csrf, () -> {
            Map<String, Object> d = new LinkedHashMap<>();
            put(d, "code", code);
            put(d, "name", name);
            // A specialist drafts for their own organisation; the API's rule refuses any other provider.
            d.put("provider", console.caller().organisation());
            put(d, "description", description);
            put(d, "category", category);
            put(d, "shareType", shareType);
            put(d, "openType", openType);
            put(d, "shareConditions", shareConditions);
            put(d, "shareBasis", shareBasis);
            put(d, "openConditions", openConditions);
            put(d, "openBasis", openBasis);
            put(d, "updateCycle", updateCycle);
            Map<String, Object> item = new LinkedHashMap<>();
            put(item, "name", itemName);
            put(item, "title", itemTitle);
            put(item, "type", itemType);
            item.put("personal", "on".equals(itemPersonal) || "true".equals(itemPersonal));
            if (!blank(itemSensitivity)) {
                try {
                    item.put("sensitivity", Integer.parseInt(itemSensitivity.strip()));
                } catch (NumberFormatException e) {
                    throw ProblemException.badRequest("invalid-field", "items[0].sensitivity", "sensitivity is a whole number");
                }
            }
            d.put("items", List.of(item));
            try {
                api.create(body(d));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return "/catalog/" + code.strip() + "?done=drafted";
        });
    }

    @GET
    @Path("import")
    public Response importForm() {
        return console.view(() -> {
            console.require();
            return console.page(catalogImport, "catalog").data("rows", List.of()).data("detail", null).data("imported", null);
        });
    }

    /** The workbook or CSV as uploaded, handed to the API's import; a refused file shows every row's problem. */
    @POST
    @Path("import")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public Response importFile(@RestForm("_csrf") String csrf, @RestForm("file") FileUpload file) {
        try {
            console.checkCsrf(csrf);
            if (file == null || file.size() == 0) {
                throw ProblemException.badRequest("missing-field", "file", "choose a CSV or XLSX file to import");
            }
            String type = file.fileName() != null && file.fileName().toLowerCase(Locale.ROOT).endsWith(".csv") ? CatalogImport.CSV
                    : file.fileName() != null && file.fileName().toLowerCase(Locale.ROOT).endsWith(".xlsx") ? CatalogImport.XLSX
                    : file.contentType();
            Response r = api.importEntries(type, Files.readAllBytes(file.uploadedFile()));
            CatalogApi.ImportResult result = (CatalogApi.ImportResult) r.getEntity();
            return Response.ok(console.page(catalogImport, "catalog").data("rows", List.of()).data("detail", null)
                    .data("imported", result.codes())).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).build();
        } catch (ImportRefused e) {
            return Response.status(400).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).entity(console.page(catalogImport, "catalog")
                    .data("rows", e.rows()).data("detail", e.getMessage()).data("imported", null)).build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (LoginRequired e) {
            throw e;
        } catch (RuntimeException e) {
            return console.refusal(e);
        }
    }

    private TemplateInstance formPage() {
        return console.page(draft, "catalog").data("categories", ResourceCategory.values()).data("shareTypes", ShareType.values())
                .data("openTypes", OpenType.values()).data("cycles", UpdateCycle.values()).data("dataTypes", DataType.values());
    }

    /** What differs between a version (or the published definition) and another definition, field by field, items by name. */
    static List<Difference> differences(CatalogResource a, ResourceDraft b) {
        List<Difference> out = new ArrayList<>();
        var x = a.toDraft();
        field(out, "name", x.name(), b.name());
        field(out, "description", x.description(), b.description());
        field(out, "category", x.category(), b.category());
        field(out, "shareType", x.shareType(), b.shareType());
        field(out, "openType", x.openType(), b.openType());
        field(out, "shareConditions", x.shareConditions(), b.shareConditions());
        field(out, "shareBasis", x.shareBasis(), b.shareBasis());
        field(out, "openConditions", x.openConditions(), b.openConditions());
        field(out, "openBasis", x.openBasis(), b.openBasis());
        field(out, "updateCycle", x.updateCycle(), b.updateCycle());
        if (b.items() != null) {
            Map<String, Object> before = new LinkedHashMap<>();
            x.items().forEach(i -> before.put(i.name(), i));
            Map<String, Object> after = new LinkedHashMap<>();
            b.items().forEach(i -> after.put(i.name(), i));
            for (var e : before.entrySet()) {
                field(out, "items." + e.getKey(), e.getValue(), after.get(e.getKey()));
            }
            for (var e : after.entrySet()) {
                if (!before.containsKey(e.getKey())) {
                    field(out, "items." + e.getKey(), null, e.getValue());
                }
            }
        }
        return out;
    }

    private static void field(List<Difference> out, String name, Object from, Object to) {
        if (to != null && !Objects.equals(from, to)) {
            out.add(new Difference(name, from == null ? "—" : String.valueOf(from), String.valueOf(to)));
        } else if (to == null && from != null && name.startsWith("items.")) {
            out.add(new Difference(name, String.valueOf(from), "—"));
        }
    }

    private byte[] body(Object value) {
        try {
            return json.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void put(Map<String, Object> m, String key, String value) {
        if (!blank(value)) {
            m.put(key, value.strip());
        }
    }

    static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    static String blankToNull(String s) {
        return blank(s) ? null : s.strip();
    }

    static String nz(String s) {
        return s == null ? "" : s;
    }
}
