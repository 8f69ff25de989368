package org.pdxhub.hub.route;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.support.DefaultProducer;
import org.pdxhub.hub.api.ProblemException;
import org.pdxhub.hub.deadletter.Refusal;
import org.pdxhub.hub.deadletter.Refused;
import org.pdxhub.hub.exchange.DocumentExchange;
import org.pdxhub.hub.exchange.ExchangeService;
import org.pdxhub.plugin.ResourceSpec;

import java.io.InputStream;

/**
 * {@code to: pdx:document/{code}}: the exchange's body is a document (PDF, Word, OpenDocument...)
 * the resource's provider sends, scanned, redacted and logged by the entry point REST uploads
 * use. The answer replaces the body ({@link DocumentExchange.Scanned}: the redacted text and the
 * report, no values) and its message id and usage-log seq are repeated in headers. A refusal is in
 * the usage log and is thrown as {@link Refused}: the routes files' dead-letter channel writes its
 * one letter, from {@code route:<id>} with the rule and reason, as for any other refused step.
 */
class DocumentProducer extends DefaultProducer {

    DocumentProducer(PdxEndpoint endpoint) {
        super(endpoint);
    }

    @Override
    public PdxEndpoint getEndpoint() {
        return (PdxEndpoint) super.getEndpoint();
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        PdxEndpoint endpoint = getEndpoint();
        PdxComponent node = endpoint.getComponent();
        Message in = exchange.getMessage();
        String code = endpoint.getTarget();
        ResourceSpec spec = node.catalog.publishedSpec(code).orElseThrow(() -> new ProblemException(404, "resource.not-published",
                "Not found", "no published resource '" + code + "': nothing moves through the hub unless it is a published catalog"
                + " resource (art. 3)", "code"));
        String person = IngestProducer.bounded(in, PdxHeaders.PERSON, endpoint.getPerson());
        String purpose = IngestProducer.bounded(in, PdxHeaders.PURPOSE, endpoint.getPurpose());
        String traceId = IngestProducer.bounded(in, PdxHeaders.TRACE_ID, null);
        String messageId = IngestProducer.messageId(in.getHeader(PdxHeaders.MESSAGE_ID, String.class));
        String fileName = in.getHeader(DocumentExchange.FILE_NAME, in.getHeader(Exchange.FILE_NAME_ONLY, String.class), String.class);
        InputStream body = in.getMandatoryBody(InputStream.class);
        byte[] content;
        try (body) {
            content = node.documents.readBounded(body);
        }
        String route = exchange.getFromRouteId();
        DocumentExchange.Scanned scanned;
        try {
            scanned = node.documents.receive(code, content, fileName, new ExchangeService.Party(
                    spec.providerUscc(), person, purpose, traceId == null ? messageId : traceId, route == null ? "route" : "route:" + route));
        } catch (ProblemException refused) {
            if (refused.status() >= 500) {
                throw refused;
            }
            throw new Refused(Refusal.because(refused.rule(), refused.getMessage()).sentBy(spec.providerUscc()).about(code, messageId));
        }
        in.setBody(scanned);
        in.setHeader(PdxHeaders.MESSAGE_ID, scanned.messageId());
        in.setHeader(PdxHeaders.USAGE_LOG_SEQ, scanned.usageLogSeq());
    }
}
