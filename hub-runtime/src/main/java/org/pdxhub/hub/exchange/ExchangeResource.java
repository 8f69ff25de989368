package org.pdxhub.hub.exchange;

import io.quarkus.resteasy.reactive.jackson.CustomDeserialization;
import jakarta.annotation.security.RolesAllowed;
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
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.pdxhub.hub.access.Caller;
import org.pdxhub.hub.access.CurrentCaller;
import org.pdxhub.hub.access.Role;
import org.pdxhub.hub.api.ProblemException;
import org.pdxhub.hub.api.StrictJson;
import org.pdxhub.hub.envelope.ReceivedRecords;
import org.pdxhub.hub.store.TimeOrderedIds;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

@CustomDeserialization(StrictJson.Bodies.class)
@Path("/api/v1/exchange/{code}")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Exchange")
public class ExchangeResource {

    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /**
     * A return of held records to an organisation: which ones by {@code keys} or {@code providedBy}.
     * {@code records} is there only to refuse it: a return never takes records from its caller.
     */
    public record ReturnBody(String to, List<String> keys, String providedBy, Object records) {
    }

    @Inject
    ExchangeService exchange;

    @Inject
    CurrentCaller caller;

    @Inject
    CsvRecords csv;

    @Inject
    DocumentExchange documents;

    @Inject
    ReceivedRecords received;

    @POST
    @Path("documents")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @RolesAllowed({Role.SYSTEM_, Role.SPECIALIST_})
    @Operation(summary = "A provider sends a document (form field 'file') as an attachment of its resource: typed by its content,"
            + " personal data redacted as the node's policy says, the report in the usage log; answers with the redacted text and the report")
    public DocumentExchange.Scanned sendDocument(@PathParam("code") String code, @HeaderParam("Pdx-Person") String person,
                                                 @HeaderParam("Pdx-Purpose") String purpose, @HeaderParam("Pdx-Trace-Id") String traceId,
                                                 @org.jboss.resteasy.reactive.RestForm("file") org.jboss.resteasy.reactive.multipart.FileUpload file) {
        if (file == null) {
            throw ProblemException.badRequest("missing-field", "file", "send the document as the multipart form field 'file'");
        }
        byte[] content;
        try {
            content = java.nio.file.Files.readAllBytes(file.uploadedFile());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        Caller c = caller.get();
        return documents.receive(code, content, file.fileName(), new ExchangeService.Party(c.organisation(), person, purpose, traceId, c.keyId()));
    }

    @POST
    @Path("records")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Role.SYSTEM_, Role.SPECIALIST_})
    @Operation(summary = "A provider sends records of its resource (aggregation up): 202 with a message id once durably queued")
    public Response send(@PathParam("code") String code, @HeaderParam("Pdx-Person") String person,
                         @HeaderParam("Pdx-Purpose") String purpose, @HeaderParam("Pdx-Trace-Id") String traceId,
                         @HeaderParam("Pdx-Message-Id") String clientMessageId,
                         @RequestBody(content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = Map.class))) byte[] body) {
        return accepted(code, person, purpose, traceId, clientMessageId, received.json(body));
    }

    @POST
    @Path("records")
    @Consumes("text/csv")
    @RolesAllowed({Role.SYSTEM_, Role.SPECIALIST_})
    @Operation(summary = "The same, with the records as CSV (UTF-8, header row = field names)")
    public Response sendCsv(@PathParam("code") String code, @HeaderParam("Pdx-Person") String person,
                            @HeaderParam("Pdx-Purpose") String purpose, @HeaderParam("Pdx-Trace-Id") String traceId,
                            @HeaderParam("Pdx-Message-Id") String clientMessageId, byte[] body) {
        return accepted(code, person, purpose, traceId, clientMessageId, csv.parse(body));
    }

    @POST
    @Path("records")
    @Consumes(XLSX)
    @RolesAllowed({Role.SYSTEM_, Role.SPECIALIST_})
    @Operation(summary = "The same, as an XLSX workbook: each sheet's rows are records (header row = field names)")
    public Response sendXlsx(@PathParam("code") String code, @HeaderParam("Pdx-Person") String person,
                             @HeaderParam("Pdx-Purpose") String purpose, @HeaderParam("Pdx-Trace-Id") String traceId,
                             @HeaderParam("Pdx-Message-Id") String clientMessageId, byte[] body) {
        return accepted(code, person, purpose, traceId, clientMessageId, documents.records(body, code + ".xlsx"));
    }

    @GET
    @Path("records")
    @RolesAllowed({Role.SYSTEM_, Role.SPECIALIST_})
    @Operation(summary = "A grant holder reads shared records, cut to its grant and masked; fields=a,b asks for fewer")
    public ExchangeService.Shared read(@PathParam("code") String code, @HeaderParam("Pdx-Person") String person,
                                       @HeaderParam("Pdx-Purpose") String purpose, @HeaderParam("Pdx-Trace-Id") String traceId,
                                       @QueryParam("fields") String fields, @QueryParam("offset") @DefaultValue("0") int offset,
                                       @QueryParam("limit") @DefaultValue("100") int limit) {
        if (limit < 1 || limit > 10_000 || offset < 0) {
            throw ProblemException.badRequest("invalid-parameter", "limit", "limit must be 1..10000 and offset at least 0");
        }
        Caller c = caller.get();
        return exchange.read(code, new ExchangeService.Party(c.organisation(), person, purpose, traceId, c.keyId()), split(fields), offset, limit);
    }

    @POST
    @Path("return")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Role.SYSTEM_, Role.SPECIALIST_, Role.ADMIN_})
    @Operation(summary = "Return held records (返还, art. 20) to an organisation served here or reached through a child link",
            description = "Body: to (USCC), keys (stored keys or raw identifiers) and/or providedBy (USCC). The records are this node's,"
                    + " taken from its dataset and passed through the gate with the return profile; records in the body are refused."
                    + " The agency's ADMIN or SPECIALIST at this node returns any held records; the resource's provider has the records"
                    + " it provided returned to itself. Others ask with POST /api/v1/return-requests.")
    public Response giveBack(@PathParam("code") String code, @HeaderParam("Pdx-Person") String person,
                             @HeaderParam("Pdx-Purpose") String purpose, @HeaderParam("Pdx-Trace-Id") String traceId, ReturnBody body) {
        if (body == null) {
            throw ProblemException.badRequest("missing-field", "to", "send {\"to\": \"<USCC of the receiving organisation>\","
                    + " \"keys\": [...]} or {\"to\": ..., \"providedBy\": \"<USCC>\"}");
        }
        if (body.records() != null) {
            throw ProblemException.badRequest("return.records-not-taken", "records", "a return sends records this node holds, chosen by"
                    + " keys or providedBy; records in the body are not taken: leave out records");
        }
        Caller c = caller.get();
        var result = exchange.giveBack(code, body.to(), new ExchangeService.Selection(body.keys(), body.providedBy()),
                new ExchangeService.Party(c.organisation(), person, purpose, traceId, c.keyId()), c);
        return Response.accepted(result).build();
    }

    /**
     * The sender's own message id ({@code Pdx-Message-Id}) makes a resend after a lost answer
     * harmless: the broker takes a message id once. Without one, each call is a new message.
     * The id has passed {@link org.pdxhub.hub.envelope.PdxHeaderDecoding}, which holds every
     * {@code Pdx-*} header to {@link org.pdxhub.hub.envelope.Headers#problem} before a resource reads it.
     */
    private static String messageId(String given) {
        return given == null || given.isBlank() ? TimeOrderedIds.next() : given;
    }

    private Response accepted(String code, String person, String purpose, String traceId, String clientMessageId,
                              List<Map<String, Object>> records) {
        if (records == null) {
            throw ProblemException.badRequest("missing-body", null, "send a JSON array of records, or CSV with a header row");
        }
        received.checked(records);
        Caller c = caller.get();
        String messageId = messageId(clientMessageId);
        var result = exchange.ingest(code, records, new ExchangeService.Party(c.organisation(), person, purpose, traceId, c.keyId()), messageId);
        return Response.accepted(result).build();
    }

    private static Set<String> split(String fields) {
        if (fields == null || fields.isBlank()) {
            return Set.of();
        }
        return Arrays.stream(fields.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }
}
