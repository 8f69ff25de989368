package org.pdxhub.hub.route;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.support.DefaultProducer;
import org.pdxhub.hub.sharing.Grant;
import org.pdxhub.hub.sharing.GrantSource;
import org.pdxhub.hub.verification.Verifier;

import java.util.List;
import java.util.Map;

/**
 * {@code to: pdx:verify/{code}?holder={uscc}}: the exchange's records verified (核验, art. 18, 36)
 * under the holder's verification grant, by the entry point REST and the queue use, so its
 * quotas, rate and guessing refusal apply to a route as to any caller. The answer replaces the
 * body ({@link Verifier.Verified}: per record and field MATCH, MISMATCH or UNKNOWN, never a
 * value) and its counts are repeated in headers. A refusal (no grant, quota, guessing, a field
 * outside the grant) is thrown, so the route's error handling sees it; it is in the usage log.
 */
class VerifyProducer extends DefaultProducer {

    VerifyProducer(PdxEndpoint endpoint) {
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
        String person = IngestProducer.bounded(in, PdxHeaders.PERSON, endpoint.getPerson());
        String purpose = IngestProducer.bounded(in, PdxHeaders.PURPOSE, endpoint.getPurpose());
        if (purpose == null) {
            // The grant's own purpose, read at each call: a grant renewed after the route was loaded is the one used.
            purpose = node.grants.bestFor(endpoint.getHolder(), endpoint.getTarget(), node.clock.instant(), GrantSource.VERIFICATION_REQUEST)
                    .map(Grant::purpose).orElse(null);
        }
        String traceId = IngestProducer.bounded(in, PdxHeaders.TRACE_ID, null);
        List<Map<String, Object>> records = node.bodies.read(in, endpoint.getFormat(), in.getHeader(Exchange.FILE_NAME, String.class));
        String route = exchange.getFromRouteId();
        Verifier.Verified answer = node.verifier.verify(endpoint.getTarget(), new Verifier.Caller(endpoint.getHolder(), person, purpose,
                traceId, route == null ? "route" : "route:" + route), records);
        in.setBody(answer);
        in.setHeader(PdxHeaders.GRANT, answer.grant());
        in.setHeader(PdxHeaders.COUNT, answer.count());
        in.setHeader(PdxHeaders.MATCHES, answer.matches());
        in.setHeader(PdxHeaders.MISMATCHES, answer.mismatches());
        in.setHeader(PdxHeaders.UNKNOWNS, answer.unknowns());
        in.setHeader(PdxHeaders.USAGE_LOG_SEQ, answer.usageLogSeq());
    }
}
