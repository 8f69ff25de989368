package org.pdxhub.hub.connector;

import org.pdxhub.connector.RecordSink;
import org.pdxhub.hub.api.ProblemException;
import org.pdxhub.hub.catalog.Catalog;
import org.pdxhub.hub.deadletter.DeadLetters;
import org.pdxhub.hub.deadletter.Refusal;
import org.pdxhub.hub.exchange.DocumentExchange;
import org.pdxhub.hub.exchange.ExchangeService;
import org.pdxhub.hub.gate.GateRefused;
import org.pdxhub.plugin.ResourceSpec;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A connector's records enter as a provider's records sent up: through
 * {@link ExchangeService#ingest}, so the gate validates, masks and logs them (art. 19). The sender
 * is the resource's provider, as for its inbound queue.
 */
class GateSink implements RecordSink {

    private final ExchangeService exchange;
    private final Catalog catalog;
    private final DocumentExchange documents;
    private final DeadLetters deadLetters;
    private final String connector;

    GateSink(ExchangeService exchange, Catalog catalog, DocumentExchange documents, DeadLetters deadLetters, String connector) {
        this.exchange = exchange;
        this.catalog = catalog;
        this.documents = documents;
        this.deadLetters = deadLetters;
        this.connector = connector;
    }

    @Override
    public Accepted send(String resourceCode, List<Map<String, Object>> records, String person, String purpose, String messageId) {
        return send(resourceCode, records, person, purpose, messageId, null);
    }

    /**
     * A batch refused whole before the gate (a resource not published, a bad person or message
     * id) is dead-lettered here, its letter saying where the batch is in its source and holding
     * none of its records, which are raw. A batch the gate refuses has the gate's letter already.
     */
    @Override
    public Accepted send(String resourceCode, List<Map<String, Object>> records, String person, String purpose, String messageId,
                         String source) {
        ResourceSpec spec = catalog.publishedSpec(resourceCode).orElse(null);
        if (spec == null) {
            throw refusedBeforeTheGate(resourceCode, records, messageId, source, null,
                    new SinkRefused("resource.unpublished", resourceCode + " is not a published catalog resource"));
        }
        try {
            ExchangeService.Accepted accepted = exchange.ingest(resourceCode, records,
                    new ExchangeService.Party(spec.providerUscc(), person, purpose, messageId), messageId);
            return accepted.duplicateOf() != null ? new Accepted(accepted.messageId(), 0, 0, records.size())
                    : new Accepted(accepted.messageId(), accepted.accepted(), accepted.rejected().size());
        } catch (GateRefused refused) {
            throw new SinkRefused(refused.rule(), refused.getMessage());
        } catch (ProblemException problem) {
            if (problem.status() >= 500) {
                throw problem;
            }
            throw refusedBeforeTheGate(resourceCode, records, messageId, source, spec.providerUscc(),
                    new SinkRefused(problem.rule(), problem.getMessage()));
        }
    }

    private SinkRefused refusedBeforeTheGate(String resourceCode, List<Map<String, Object>> records, String messageId, String source,
                                             String provider, SinkRefused refused) {
        Map<String, Object> where = new LinkedHashMap<>();
        where.put("connector", connector);
        where.put("source", source);
        where.put("records", records.size());
        where.put("rule", refused.rule());
        where.put("reason", refused.getMessage());
        deadLetters.refuseBatch(where, Refusal.because(refused.rule(), refused.getMessage()
                        + (source == null ? "" : " (" + source + ")")).from("connector:" + connector).sentBy(provider)
                .about(resourceCode, messageId));
        return refused;
    }

    /** A dropped document enters as one its provider posted: the gate's authorisation, the scan, the usage log. */
    @Override
    public DocumentAccepted sendDocument(String resourceCode, InputStream content, String fileName, String person, String purpose,
                                         String messageId) {
        ResourceSpec spec = catalog.publishedSpec(resourceCode)
                .orElseThrow(() -> new SinkRefused("resource.unpublished", resourceCode + " is not a published catalog resource"));
        byte[] document;
        try {
            document = documents.readBounded(content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            DocumentExchange.Scanned scanned = documents.receive(resourceCode, document, fileName,
                    new ExchangeService.Party(spec.providerUscc(), person, purpose, messageId));
            return new DocumentAccepted(scanned.messageId(), scanned.report().counts(), scanned.usageLogSeq());
        } catch (ProblemException problem) {
            if (problem.status() >= 500) {
                throw problem;
            }
            // As a refused document sent to the queue: the document as dropped, with the reason, on the one dead-letter address.
            deadLetters.refuse(document, Map.of(), Refusal.because(problem.rule(), problem.getMessage()).from("connector:" + connector)
                    .sentBy(spec.providerUscc()).about(resourceCode, messageId));
            throw new SinkRefused(problem.rule(), problem.getMessage());
        }
    }
}
