package org.pdxhub.hub.responsibility;

import io.quarkus.security.Authenticated;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.pdxhub.hub.api.ProblemException;

import java.util.Locale;

@Path("/api/v1/responsibility-lists")
@Tag(name = "Responsibility lists", description = "共享责任清单 (art. 17) and 开放责任清单 (art. 25) per department, from the catalog")
@Authenticated
public class ResponsibilityListResource {

    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    @Inject
    ResponsibilityLists lists;

    @GET
    @Path("{uscc}")
    @Produces({MediaType.APPLICATION_JSON, XLSX})
    @Operation(summary = "A department's sharing (kind=sharing) or open (kind=open) responsibility list",
            description = "Generated from its published catalog entries: each resource with its classification (share or open"
                    + " type), whether the department must provide it, the conditions or the basis, the update cycle and the"
                    + " items; those it must provide first. JSON by default; XLSX with Accept: " + XLSX + " or format=xlsx.")
    public Response list(@PathParam("uscc") String uscc,
                         @QueryParam("kind") @Parameter(description = "sharing or open", required = true) String kind,
                         @QueryParam("format") @Parameter(description = "json (default) or xlsx") String format,
                         @HeaderParam(HttpHeaders.ACCEPT) String accept) {
        ResponsibilityList.Kind k = kind(kind);
        boolean xlsx = format == null ? accept != null && accept.contains(XLSX) : switch (format.strip().toLowerCase(Locale.ROOT)) {
            case "xlsx" -> true;
            case "json" -> false;
            default -> throw ProblemException.badRequest("invalid-format", "format", "format is json or xlsx, not '" + format + "'");
        };
        ResponsibilityList list = lists.list(uscc, k);
        if (!xlsx) {
            return Response.ok(list, MediaType.APPLICATION_JSON).build();
        }
        return Response.ok(lists.xlsx(list), XLSX)
                .header("Content-Disposition", "attachment; filename=\"" + uscc + "-" + k.name().toLowerCase(Locale.ROOT) + ".xlsx\"")
                .build();
    }

    private static ResponsibilityList.Kind kind(String kind) {
        if (kind != null) {
            switch (kind.strip().toLowerCase(Locale.ROOT)) {
                case "sharing":
                    return ResponsibilityList.Kind.SHARING;
                case "open":
                    return ResponsibilityList.Kind.OPEN;
                default:
                    break;
            }
        }
        throw ProblemException.badRequest("invalid-kind", "kind", "kind is sharing (共享责任清单, art. 17) or open (开放责任清单, art. 25)"
                + (kind == null ? "" : ", not '" + kind + "'"));
    }
}
