package org.pdxhub.hub.supervision.reports;

import io.quarkus.resteasy.reactive.jackson.CustomDeserialization;
import io.quarkus.security.Authenticated;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.pdxhub.hub.access.CurrentCaller;
import org.pdxhub.hub.access.Role;
import org.pdxhub.hub.api.StrictJson;

import java.net.URI;
import java.util.List;

@CustomDeserialization(StrictJson.Bodies.class)
@Path("/api/v1/reports")
@Tag(name = "Supervision")
public class ReportResource {

    public static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    public static final String PDF = "application/pdf";

    @Inject
    Reports reports;

    @Inject
    XlsxReport xlsx;

    @Inject
    PdfReport pdf;

    @Inject
    CurrentCaller caller;

    @GET
    @Authenticated
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Reports kept (定期通报, art. 42): all for the agency's ADMIN and REVIEWER, a department's own for its SPECIALIST")
    public List<StoredReport.Summary> list(@QueryParam("period") String period) {
        return reports.list(caller.get(), period);
    }

    @POST
    @RolesAllowed({Role.ADMIN_, Role.REVIEWER_, Role.SPECIALIST_})
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Generate a report now: {period: 2026-10 or 2026-Q4, scope: PLATFORM (agency only) or a department's USCC}")
    public Response generate(Reports.GenerateAsk body) {
        StoredReport r = reports.generate(body, caller.get());
        return Response.created(URI.create("/api/v1/reports/" + r.id())).entity(r).build();
    }

    @GET
    @Path("{id}")
    @Authenticated
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "One report: JSON (the figures the console charts), or with Accept XLSX or application/pdf the files")
    public StoredReport get(@PathParam("id") String id) {
        return reports.find(id, caller.get());
    }

    @GET
    @Path("{id}")
    @Authenticated
    @Produces(XLSX)
    public Response workbook(@PathParam("id") String id) {
        StoredReport r = reports.find(id, caller.get());
        return file(xlsx.render(r), XLSX, r, "xlsx");
    }

    @GET
    @Path("{id}")
    @Authenticated
    @Produces(PDF)
    public Response document(@PathParam("id") String id) {
        StoredReport r = reports.find(id, caller.get());
        return file(pdf.render(r), PDF, r, "pdf");
    }

    private static Response file(byte[] body, String type, StoredReport r, String ext) {
        return Response.ok(body, type).header("Content-Disposition", "attachment; filename=\"report-" + r.period() + "-" + r.scope() + "." + ext + "\"")
                .build();
    }
}
