package org.pdxhub.hub.exchange;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;
import org.pdxhub.hub.audit.UsageDecision;
import org.pdxhub.hub.audit.UsageEntry;
import org.pdxhub.hub.audit.UsageLog;
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
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Records sent up for aggregation (汇聚), by a provider here or relayed from a child: masked with
 * the aggregation profile at the gate and queued durably on {@code pdx.agg} for landing, with
 * what the gate refused dead-lettered.
 */
@ApplicationScoped
public class Aggregation {

    private static final Logger LOG = Logger.getLogger(Aggregation.class);

    @Inject
    BeforeMasking beforeMasking;

    @Inject
    GatePassage gatePassage;

    @Inject
    IngestIdempotency idempotency;

    @Inject
    UsageLog usageLog;

    /**
     * The answer to a message its sender sent before and which passed the gate then (its id is
     * {@link IngestIdempotency remembered} and the usage log bears the passage out): one DUPLICATE
     * entry naming the first passage, nothing passed or sent again. Empty for a message to pass.
     */
    Optional<Accepted> sentBefore(String code, int records, Party from, String messageId) {
        OptionalLong first = idempotency.firstPassage(code, from.organisation(), messageId);
        if (first.isEmpty()) {
            return Optional.empty();
        }
        long seq = usageLog.append(new UsageEntry(null, 0, null, from.person(), from.organisation(), from.purpose(), null, code,
                Destination.AGGREGATION.name(), null, records, 0, UsageDecision.DUPLICATE, "message.duplicate", null, null,
                from.traceId() != null ? from.traceId() : messageId, messageId,
                "sent again: passed the gate once, at usage-log seq " + first.getAsLong() + "; not delivered again", null, null,
                from.keyId())).seq();
        LOG.infof("Message %s of %s from %s is a duplicate of usage-log entry %d", messageId, code, from.organisation(), first.getAsLong());
        return Optional.of(new Accepted(messageId, code, 0, List.of(), seq, first.getAsLong()));
    }

    /** A provider's message passed and its sends are durable: the same id from the same sender is a duplicate from now on. */
    void remember(String code, Party from, Accepted passed) {
        idempotency.passed(code, from.organisation(), passed.messageId(), passed.usageLogSeq());
    }

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
