package org.pdxhub.hub.exchange;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.apache.camel.Exchange;
import org.pdxhub.hub.access.Caller;
import org.pdxhub.hub.envelope.Hop;
import org.pdxhub.plugin.GrantSpec;
import org.pdxhub.plugin.ResourceSpec;
import org.pdxhub.hub.messaging.SendingSessions;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The exchange's entry for the rest of the node (交换): data in and out, always through the gate.
 * Records a provider sends up ({@link Aggregation}) are masked with the aggregation profile and
 * queued durably for landing ({@link Landing}); records a grant holder or the public reads
 * ({@link Reads}) are cut to the grant and masked for sharing; records returned down
 * ({@link ReturnsDown}) go to the receiving organisation's return address. Messages from other
 * nodes come in through {@link LinkArrivals}, and from a department's queue through
 * {@link QueueIngest} and {@link QueueMessages}. Each passes the gate through {@link GatePassage}.
 * The node's own Camel route for linked nodes hands its messages to this bean by name, the one
 * bean {@code GateEnforcement} lets a route of the node's code read an inbound queue into.
 */
@ApplicationScoped
@Named("pdxExchange")
public class ExchangeService {

    /** Who sends or reads, and why (art. 19); {@code keyId} is the key it authenticated with, for the usage log. */
    public record Party(String organisation, String person, String purpose, String traceId, String keyId) {

        /** A party whose key is not known here (a queue, a connector, a relayed message). */
        public Party(String organisation, String person, String purpose, String traceId) {
            this(organisation, person, purpose, traceId, null);
        }
    }

    /**
     * What the sender is told: the message id, how many records went on, and each rejected one's
     * reason. A message its sender sent before, which passed then, goes on no more: {@code
     * duplicateOf} is that passage's usage-log seq, {@code accepted} is 0 and {@code usageLogSeq}
     * the seq of the DUPLICATE entry that says so.
     */
    public record Accepted(String messageId, String resource, int accepted, List<Map<String, Object>> rejected, long usageLogSeq,
                           @JsonInclude(JsonInclude.Include.NON_NULL) Long duplicateOf) {

        public Accepted(String messageId, String resource, int accepted, List<Map<String, Object>> rejected, long usageLogSeq) {
            this(messageId, resource, accepted, rejected, usageLogSeq, null);
        }
    }

    /**
     * How a message reached this node's gate: entered here (from a department system or a
     * person), or relayed from another node, with what was masked there and the hops so far.
     */
    public record Arrival(Map<String, String> maskedUpstream, List<Hop> hops) {
        public static final Arrival HERE = new Arrival(Map.of(), List.of());
    }

    /**
     * Which held records a return takes: by key (the stored key, or the raw identifier), or every
     * record one organisation provided; both: those keys of that organisation.
     */
    public record Selection(List<String> keys, String providedBy) {
    }

    /** What a grant holder reads. */
    public record Shared(String resource, String grant, int count, List<Map<String, Object>> records, long usageLogSeq) {
    }

    @Inject
    Aggregation aggregation;

    @Inject
    Reads reads;

    @Inject
    ReturnsDown returnsDown;

    @Inject
    LinkArrivals linkArrivals;

    @Inject
    GatePassage gatePassage;

    @Inject
    SendingSessions sessions;

    @Inject
    IngestIdempotency idempotency;

    /**
     * Records a provider sends up (aggregation): gate, then the durable aggregation queue. By REST,
     * a route's {@code pdx:ingest}, a connector or an accepted correction; a message its sender
     * sent before (the same id, a resend after a lost answer) is logged DUPLICATE and not passed
     * again, as on the sender's queue ({@link QueueMessages}); two sent at once pass one after the
     * other, so the second is the duplicate. A passage is remembered once its sends are durable.
     */
    public Accepted ingest(String code, List<Map<String, Object>> records, Party from, String messageId) {
        return idempotency.oneAtATime(code, from.organisation(), messageId, () -> aggregation.sentBefore(code, records.size(), from, messageId)
                .orElseGet(() -> sessions.sending(() -> aggregation.ingest(code, records, from, messageId, Arrival.HERE),
                        passed -> aggregation.remember(code, from, passed))));
    }

    /** Records a grant holder reads, cut to its grant and masked for sharing. */
    public Shared read(String code, Party reader, Set<String> fields, int offset, int limit) {
        return reads.read(code, reader, fields, offset, limit);
    }

    /** Records that changed, delivered to a grant holder's subscription ({@code from: pdx:share/{code}}). */
    public Shared share(String code, Party reader, List<Map<String, Object>> changed) {
        return reads.share(code, reader, changed);
    }

    /** Open data (开放, art. 25-26) through the gate with the open profile. */
    public Shared readOpen(String code, Party reader, GrantSpec grant, int offset, int limit) {
        return reads.readOpen(code, reader, grant, offset, limit);
    }

    /** Returns held records down (返还, art. 20); see {@link ReturnsDown#giveBack(String, String, Selection, Party, Caller)}. */
    public Accepted giveBack(String code, String toUscc, Selection which, Party from, Caller by) {
        return returnsDown.giveBack(code, toUscc, which, from, by);
    }

    /** Keys as this node stores them, so that a request can keep them without raw identifiers. */
    public List<String> storedKeys(String code, List<String> keys) {
        return returnsDown.storedKeys(code, keys);
    }

    /** A message from another node ({@code pdx.link.in}); see {@link LinkArrivals#arrive}. */
    public void arrive(Exchange exchange) {
        linkArrivals.arrive(exchange);
    }

    ResourceSpec published(String code) {
        return gatePassage.published(code);
    }
}
