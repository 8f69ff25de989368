package org.pdxhub.hub.route;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.support.DefaultProducer;
import org.pdxhub.hub.api.ProblemException;
import org.pdxhub.hub.deadletter.Refusal;
import org.pdxhub.hub.deadletter.Refused;
import org.pdxhub.hub.exchange.ExchangeService;
import org.pdxhub.hub.envelope.Headers;
import org.pdxhub.hub.gate.GateRefused;
import org.pdxhub.hub.store.TimeOrderedIds;
import org.pdxhub.plugin.ResourceSpec;

import java.util.List;
import java.util.Map;

/**
 * {@code to: pdx:ingest/{code}}: the exchange's records through the gate as the resource's
 * provider sent them, by the entry point REST ingest uses. The answer replaces the body
 * ({@link ExchangeService.Accepted}: accepted, rejected with reasons, usage-log seq) and is
 * repeated in headers. A refusal of the whole batch (GateRefused, a bad body) is thrown, so the
 * route's error handling sees it; it is already in the usage log and on {@code pdx.dlq}.
 */
class IngestProducer extends DefaultProducer {

    IngestProducer(PdxEndpoint endpoint) {
        super(endpoint);
    }

    @Override
    public PdxEndpoint getEndpoint() {
        return (PdxEndpoint) super.getEndpoint();
    }

    @Override
    public void process(Exchange exchange) {
        PdxEndpoint endpoint = getEndpoint();
        PdxComponent node = endpoint.getComponent();
        Message in = exchange.getMessage();
        String code = endpoint.getTarget();
        // The node's routes files stand for the resource's provider, as a provider's system on pdx.in.{code} does.
        ResourceSpec spec = node.catalog.publishedSpec(code).orElseThrow(() -> new ProblemException(404, "resource.not-published",
                "Not found", "no published resource '" + code + "': nothing moves through the hub unless it is a published catalog"
                + " resource (art. 3)", "code"));
        String person = bounded(in, PdxHeaders.PERSON, endpoint.getPerson());
        String purpose = bounded(in, PdxHeaders.PURPOSE, endpoint.getPurpose());
        String traceId = bounded(in, PdxHeaders.TRACE_ID, null);
        String messageId = messageId(in.getHeader(PdxHeaders.MESSAGE_ID, String.class));
        List<Map<String, Object>> records = node.bodies.read(in, endpoint.getFormat(), in.getHeader(Exchange.FILE_NAME, String.class));
        String route = exchange.getFromRouteId();
        ExchangeService.Accepted accepted;
        try {
            accepted = node.exchange.ingest(code, records, new ExchangeService.Party(spec.providerUscc(), person,
                    purpose, traceId == null ? messageId : traceId, route == null ? "route" : "route:" + route), messageId);
        } catch (GateRefused refused) {
            // The gate wrote its letter, with the records masked: the route's channel must not write the raw ones beside it.
            throw Refused.written(Refusal.because(refused.rule(), refused.getMessage()).about(code, messageId));
        }
        in.setBody(accepted);
        in.setHeader(PdxHeaders.MESSAGE_ID, accepted.messageId());
        in.setHeader(PdxHeaders.ACCEPTED, accepted.accepted());
        in.setHeader(PdxHeaders.REJECTED, accepted.rejected().size());
        in.setHeader(PdxHeaders.USAGE_LOG_SEQ, accepted.usageLogSeq());
        if (accepted.duplicateOf() != null) {
            in.setHeader(PdxHeaders.DUPLICATE_OF, accepted.duplicateOf());
        }
    }

    static String bounded(Message in, String header, String fallback) {
        String value = in.getHeader(header, String.class);
        if (value == null || value.isBlank()) {
            value = fallback;
        }
        if (value == null) {
            return null;
        }
        int max = Headers.maxLength(header);
        if (value.length() > max || value.chars().anyMatch(Character::isISOControl)) {
            throw ProblemException.badRequest("invalid-header", header, header + " must be at most " + max
                    + " characters of plain text (no CR, LF or tab)");
        }
        return value;
    }

    /** A route that sets PdxMessageId (a file's name and time, a row's key) has a resend after a failure taken once. */
    static String messageId(String given) {
        Headers.problem(PdxHeaders.MESSAGE_ID, given).ifPresent(problem -> {
            throw ProblemException.badRequest("invalid-header", PdxHeaders.MESSAGE_ID, problem);
        });
        return given == null || given.isBlank() ? TimeOrderedIds.next() : given;
    }
}
