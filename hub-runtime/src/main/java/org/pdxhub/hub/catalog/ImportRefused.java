package org.pdxhub.hub.catalog;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.pdxhub.hub.api.Problem;

import java.util.List;

/** An import with at least one rejected row: nothing was stored; each rejected row is reported. */
public class ImportRefused extends RuntimeException {

    private final int entries;
    private final List<CatalogImport.RowProblem> rows;

    public ImportRefused(int entries, List<CatalogImport.RowProblem> rows) {
        super(rows.size() + " problem(s) in " + entries + " entr" + (entries == 1 ? "y" : "ies") + "; nothing was imported", null, false, false);
        this.entries = entries;
        this.rows = List.copyOf(rows);
    }

    public List<CatalogImport.RowProblem> rows() {
        return rows;
    }

    public int entries() {
        return entries;
    }

    /** RFC 9457 problem detail with one extension member, {@code rows}: the per-row report. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ImportProblem(String type, String title, int status, String detail, String field,
                                List<CatalogImport.RowProblem> rows) {
    }

    public static class Mapper {
        @ServerExceptionMapper
        public Response refused(ImportRefused e) {
            CatalogImport.RowProblem first = e.rows().get(0);
            String detail = e.getMessage() + ". First: " + (first.row() > 0 ? "row " + first.row() + ", " : "")
                    + (first.field() == null ? "" : first.field() + ": ") + first.reason();
            return Response.status(400).type(Problem.MEDIA_TYPE).entity(new ImportProblem("urn:pdx:problem:import-rejected",
                    "Import rejected", 400, detail, first.field(), e.rows())).build();
        }
    }
}
