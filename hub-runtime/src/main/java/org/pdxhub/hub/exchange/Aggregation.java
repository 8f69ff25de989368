package org.pdxhub.hub.exchange;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.pdxhub.hub.envelope.Headers;
import org.pdxhub.hub.exchange.ExchangeService.Arrival;
import org.pdxhub.hub.exchange.ExchangeService.Accepted;
import org.pdxhub.hub.exchange.ExchangeService.Party;
import org.pdxhub.hub.gate.GateRefusedMapper;
import org.pdxhub.hub.gate.Passage;
import org.pdxhub.hub.messaging.Addresses;
import org.pdxhub.plugin.Destination;
import org.pdxhub.plugin.GateContext;
import org.pdxhub.plugin.ResourceSpec;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Records sent up for aggregation (汇聚), by a provider here or relayed from a child: masked with
 * the aggregation profile at the gate and queued durably on {@code pdx.agg} for landing, with
 * what the gate refused dead-lettered.
 */
@ApplicationScoped
public class Aggregation {

    @Inject
    BeforeMasking beforeMasking;

    @Inject
    GatePassage gatePassage;

    /**
     * Through the gate with the aggregation profile, then to {@code pdx.agg}; a provider's own
     * records ({@link Arrival#HERE}) have their verifiable values taken before masking.
     */
    Accepted ingest(String code, List<Map<String, Object>> records, Party from, String messageId, Arrival arrival) {
        return ingest(gatePassage.published(code), records, from, messageId, arrival);
    }

    /** As {@link #ingest(String, List, Party, String, Arrival)}, for a caller that has looked the published resource up already. */
    Accepted ingest(ResourceSpec spec, List<Map<String, Object>> records, Party from, String messageId, Arrival arrival) {
        String code = spec.code();
        GateContext ctx = gatePassage.context(spec, Destination.AGGREGATION, from, null, Set.of(), messageId, arrival.maskedUpstream());
        // Only a provider's own records are raw here; relayed ones arrive masked upstream.
        BeforeMasking.Taken taken = arrival == Arrival.HERE ? beforeMasking.take(spec, records) : BeforeMasking.Taken.NOTHING;
        Passage passage = gatePassage.passOrDeadLetter(records, ctx);
        Map<String, Object> headers = gatePassage.headers(ctx);
        headers.put(Headers.PROVIDER, spec.providerUscc());
        gatePassage.onward(headers, ctx, passage, arrival);
        // The same message id twice from one sender (a redelivery after a crash) is taken once by the broker.
        headers.put(Headers.DUPLICATE_ID, Headers.duplicateId(ctx.requesterUscc(), messageId));
        headers.put(Headers.PASSAGE_SEQ, passage.logEntry().seq());
        String keyField = spec.keyField();
        headers.put(Headers.GROUP, Headers.group(code, keyField == null ? List.of()
                : passage.records().stream().map(r -> r.get(keyField)).toList()));
        gatePassage.send(Addresses.AGGREGATION, passage, headers, ctx);
        taken.passed(passage.records().stream().map(r -> keyField == null ? null : r.get(keyField)).toList(), passage.logEntry().seq());
        if (!passage.rejected().isEmpty()) {
            gatePassage.deadLetter(ctx, "validation.record", passage.rejected().size() + " record(s) rejected", passage.rejected());
        }
        return new Accepted(messageId, code, passage.records().size(), GateRefusedMapper.rejections(passage.rejected()),
                passage.logEntry().seq());
    }
}
