package org.pdxhub.hub.exchange;


import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;
import org.pdxhub.hub.api.ProblemException;
import org.pdxhub.hub.audit.UsageDecision;
import org.pdxhub.hub.audit.UsageEntry;
import org.pdxhub.hub.audit.UsageLog;
import org.pdxhub.hub.deadletter.DeadLetters;
import org.pdxhub.hub.deadletter.Refusal;
import org.pdxhub.hub.envelope.Headers;
import org.pdxhub.hub.gate.GrantAuthorisation;
import org.pdxhub.hub.gate.MaskingProfiles;
import org.pdxhub.hub.messaging.Addresses;
import org.pdxhub.hub.messaging.SendingSessions;
import org.pdxhub.hub.node.HubConfig;
import org.pdxhub.hub.node.StartupRefused;
import org.pdxhub.hub.store.TimeOrderedIds;
import org.pdxhub.plugin.Destination;
import org.pdxhub.plugin.GateContext;
import org.pdxhub.plugin.GateRefusal;
import org.pdxhub.plugin.IdentifierCheck;
import org.pdxhub.plugin.MaskingKeys;
import org.pdxhub.plugin.MaskingStrategy;
import org.pdxhub.plugin.Registry;
import org.pdxhub.plugin.ResourceSpec;
import org.pdxhub.plugins.documents.DocumentRefused;
import org.pdxhub.plugins.documents.DocumentScanner;
import org.pdxhub.plugins.documents.ScanLimits;
import org.pdxhub.plugins.documents.ScanPolicy;
import org.pdxhub.plugins.documents.ScanReport;
import org.pdxhub.plugins.documents.ScanResult;
import org.pdxhub.plugins.documents.SpreadsheetReader;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Documents sent as attachments of a resource (art. 11, 25): authorised like records, typed
 * and read by Tika, personal data redacted (or pseudonymised, or the document refused) as the
 * node's policy says, the report written to the usage log, and the redacted text queued on.
 */
@ApplicationScoped
public class DocumentExchange {

    private static final Logger LOG = Logger.getLogger(DocumentExchange.class);

    /** What the sender gets back: the redacted text and the report (kinds, counts, positions; no values). */
    public record Scanned(String messageId, String resource, ScanReport report, String text, long usageLogSeq) {
    }

    /** Queue property naming a document's media type (application/pdf...): the message is a document, not records. */
    public static final String CONTENT_TYPE = "PdxContentType";
    /** Queue property with the document's file name: reported, never trusted for its type. */
    public static final String FILE_NAME = "PdxFileName";
    private static final Set<String> RECORD_TYPES = Set.of("application/json", "text/json");

    @Inject
    Clock clock;

    @Inject
    DeadLetters deadLetters;

    @Inject
    ExchangeService exchange;

    @Inject
    GrantAuthorisation authorisation;

    @Inject
    MaskingProfiles profiles;

    @Inject
    UsageLog usageLog;

    @Inject
    HubConfig hub;

    @Inject
    DocumentConfig config;

    @Inject
    Registry<IdentifierCheck> checks;

    @Inject
    Registry<MaskingStrategy> strategies;

    @Inject
    MaskingKeys keys;

    @Inject
    SendingSessions sends;

    @Inject
    ObjectMapper json;

    private DocumentScanner scanner;
    private SpreadsheetReader spreadsheets;
    private ScanPolicy policy;

    @PostConstruct
    void init() {
        ScanLimits limits = ScanLimits.DEFAULTS.withMaxInputBytes(config.maxInputBytes())
                .withMaxExtractedCharacters(config.maxExtractedCharacters(), false)
                .withParseTimeout(config.parseTimeout())
                .withMaxEmbeddedDepth(config.maxEmbeddedDepth())
                .withMaxUncompressedBytes(config.maxUncompressedBytes());
        try {
            policy = ScanPolicy.of(config.actions(), limits);
        } catch (IllegalArgumentException e) {
            throw new StartupRefused("pdx.documents.actions", e.getMessage());
        }
        try {
            scanner = DocumentScanner.of(checks, strategies, keys, config.forkMaxHeapMb(), config.forkPoolSize(),
                    config.forkDocumentsPerChild());
        } catch (IllegalArgumentException e) {
            throw new StartupRefused("pdx.documents.fork", e.getMessage());
        }
        spreadsheets = new SpreadsheetReader();
    }

    @PreDestroy
    void close() {
        scanner.close();
        spreadsheets.close();
    }

    /**
     * The records of a spreadsheet (every sheet, header row = field names), so that the gate's
     * field validation and masking apply to them as to JSON or CSV records.
     */
    public List<Map<String, Object>> records(byte[] workbook, String name) {
        requireWorkbook(workbook);
        try {
            List<Map<String, Object>> out = new ArrayList<>();
            for (List<Map<String, Object>> sheet : spreadsheets.read(workbook, name, policy.limits()).sheets().values()) {
                sheet.forEach(r -> out.add(new LinkedHashMap<>(r)));
            }
            return out;
        } catch (DocumentRefused refused) {
            throw new ProblemException(422, "document." + refused.reason().code(), "Spreadsheet refused", refused.getMessage(), "body");
        }
    }

    /**
     * The records endpoint's XLSX form takes a workbook and nothing else: the reader would
     * otherwise take a text body as CSV and answer 202 with whatever it made of it.
     */
    private static void requireWorkbook(byte[] body) {
        boolean workbook = false;
        if (body != null && body.length > 4 && body[0] == 'P' && body[1] == 'K' && body[2] == 3 && body[3] == 4) {
            try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(body))) {
                for (ZipEntry e = zip.getNextEntry(); e != null && !workbook; e = zip.getNextEntry()) {
                    workbook = e.getName().equals("xl/workbook.xml");
                }
            } catch (IOException | IllegalArgumentException notAZip) {
                workbook = false;
            }
        }
        if (!workbook) {
            throw new ProblemException(415, "records.not-a-workbook", "Unsupported body",
                    "the body is not an XLSX workbook (a ZIP package holding xl/workbook.xml): send the .xlsx file as it was saved,"
                            + " or send CSV as text/csv", "body");
        }
    }

    /**
     * Whether a queue message is a document: its {@value #CONTENT_TYPE} names a type other than
     * JSON, or, with none, its first bytes are a PDF's, a ZIP's (OOXML, OpenDocument) or an OLE
     * file's (old Office). Records are a JSON array and never start so.
     */
    public static boolean isDocument(String contentType, byte[] body) {
        if (contentType != null && !contentType.isBlank()) {
            return !RECORD_TYPES.contains(contentType.split(";")[0].trim().toLowerCase(Locale.ROOT));
        }
        return body != null && body.length >= 4 && (body[0] == '%' && body[1] == 'P' && body[2] == 'D' && body[3] == 'F'
                || body[0] == 'P' && body[1] == 'K' && body[2] == 3 && body[3] == 4
                || (body[0] & 0xff) == 0xD0 && (body[1] & 0xff) == 0xCF && (body[2] & 0xff) == 0x11 && (body[3] & 0xff) == 0xE0);
    }

    /**
     * A document sent to {@code pdx.in.{code}}: scanned and queued on as one posted over REST. A
     * refusal (gate, limits, the policy) is in the usage log already; the message goes to the
     * dead-letter address with its rule and reason, never redelivered. A failure of the node
     * itself (5xx) is thrown, and the broker redelivers.
     */
    public void receiveFromQueue(String code, byte[] content, String fileName, ExchangeService.Party from, String messageId) {
        try {
            Scanned scanned = receive(code, content, fileName, from);
            LOG.debugf("Queue document %s of %s: %s", messageId, code, scanned.report().counts());
        } catch (ProblemException problem) {
            if (problem.status() >= 500) {
                throw problem;
            }
            deadLetters.refuse(content, Map.of(), Refusal.because(problem.rule(), problem.getMessage()).from(Addresses.inbound(code))
                    .sentBy(from.organisation()).about(code, messageId));
        }
    }

    /**
     * A document from a stream (a dropped file), read up to one byte over max-input-bytes: a larger
     * one is never held whole, and the scan refuses it for its size.
     */
    public byte[] readBounded(InputStream content) throws IOException {
        return content.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, policy.limits().maxInputBytes() + 1));
    }

    /**
     * Scans a document and queues its redacted text to aggregation, as one passage: on a session of
     * its own (or the consumer's it runs in), so that a broker that cannot take it is said so before
     * the document is read or anything is logged.
     */
    public Scanned receive(String code, byte[] content, String fileName, ExchangeService.Party from) {
        return sends.sending(() -> pass(code, content, fileName, from));
    }

    private Scanned pass(String code, byte[] content, String fileName, ExchangeService.Party from) {
        ResourceSpec spec = exchange.published(code);
        String messageId = TimeOrderedIds.next();
        GateContext ctx = new GateContext(spec, Destination.AGGREGATION, from.organisation(), from.person(), from.purpose(), null,
                Set.of(), profiles.forDestination(Destination.AGGREGATION), hub.node().id(),
                from.traceId() == null ? messageId : from.traceId(), messageId, Instant.now(clock), Map.of(), from.keyId());
        try {
            authorisation.authorise(ctx);
        } catch (GateRefusal refusal) {
            log(ctx, UsageDecision.REFUSED, refusal.rule(), null, null, refusal.getMessage());
            throw new ProblemException(refusal.rule().startsWith("caller.") ? 400 : 403, refusal.rule(), "Refused by the gate",
                    refusal.getMessage(), refusal.field());
        }
        ScanResult result;
        try {
            result = scanner.scan(content, fileName, policy);
        } catch (DocumentRefused refused) {
            log(ctx, UsageDecision.REFUSED, "document." + refused.reason().code(), null, refused.report(), refused.getMessage());
            boolean tooLarge = refused.reason().code().contains("size") || refused.reason().code().contains("bytes");
            throw new ProblemException(tooLarge ? 413 : 422, "document." + refused.reason().code(), "Document refused",
                    refused.getMessage(), "file");
        }
        byte[] text = result.text() == null ? new byte[0] : result.text().getBytes(StandardCharsets.UTF_8);
        UsageEntry entry = log(ctx, UsageDecision.DELIVERED, null, UsageLog.sha256(text), result.report(), null);
        Map<String, Object> headers = new HashMap<>();
        headers.put(Headers.RESOURCE, code);
        headers.put(Headers.PROVIDER, spec.providerUscc());
        headers.put(Headers.PERSON, from.person());
        headers.put(Headers.PURPOSE, from.purpose());
        headers.put(Headers.MESSAGE_ID, messageId);
        headers.put(Headers.SOURCE_NODE, hub.node().id());
        headers.put("PdxScanReport", toJson(result.report()));
        try {
            sends.send(Addresses.AGGREGATION + ".documents", text, headers);
        } catch (RuntimeException e) {
            // The usage log said DELIVERED; say that it was not, as a record's passage does, and let the sender retry.
            log(ctx, UsageDecision.FAILED, "delivery.broker", null, null, "could not be queued to " + Addresses.AGGREGATION + ".documents");
            LOG.error("Could not queue document " + messageId + " of " + code, e);
            throw ProblemException.unavailable("delivery.broker", "Not queued",
                    "the node could not queue the document; nothing was delivered, send it again");
        }
        return new Scanned(messageId, code, result.report(), result.text(), entry.seq());
    }

    private UsageEntry log(GateContext ctx, UsageDecision decision, String rule, String digest, ScanReport report, String detail) {
        String reportJson = report == null ? null : toJson(report);
        return usageLog.append(new UsageEntry(null, 0, null, ctx.person(), ctx.requesterUscc(), ctx.purpose(), null,
                ctx.resource().code(), "AGGREGATION", "document", report == null ? 0 : 1, 0, decision, rule,
                report == null ? null : "document:" + policy.actions(), digest, ctx.traceId(), ctx.messageId(),
                reportJson == null ? detail : reportJson, null, null, ctx.keyId()));
    }

    private String toJson(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
