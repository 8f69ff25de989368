package org.pdxhub.hub.exchange;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.jboss.logging.Logger;
import org.pdxhub.hub.api.ProblemException;
import org.pdxhub.hub.audit.UsageDecision;
import org.pdxhub.hub.audit.UsageEntry;
import org.pdxhub.hub.audit.UsageLog;
import org.pdxhub.hub.catalog.Catalog;
import org.pdxhub.hub.gate.Gate;
import org.pdxhub.hub.gate.GateRefused;
import org.pdxhub.hub.gate.GateRefusedMapper;
import org.pdxhub.hub.gate.MaskingProfiles;
import org.pdxhub.hub.gate.Passage;
import org.pdxhub.hub.messaging.Addresses;
import org.pdxhub.hub.messaging.BrokerSecurity;
import org.pdxhub.hub.node.HubConfig;
import org.pdxhub.hub.sharing.Grant;
import org.pdxhub.hub.sharing.Grants;
import org.pdxhub.plugin.Destination;
import org.pdxhub.plugin.GateContext;
import org.pdxhub.plugin.GrantSpec;
import org.pdxhub.plugin.ResourceSpec;

import java.io.IOException;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Data in and out of the node (交换), always through the gate: records a provider sends up are
 * masked with the aggregation profile and queued durably for landing; records a grant holder
 * reads are cut to its grant and masked with the share profile; records returned down go to
 * the receiving organisation's return address.
 */
@ApplicationScoped
@Named("pdxExchange")
public class ExchangeService {

    private static final Logger LOG = Logger.getLogger(ExchangeService.class);
    private static final TypeReference<List<Map<String, Object>>> RECORDS = new TypeReference<>() {
    };

    /** Who sends or reads, and why (art. 19). */
    public record Party(String organisation, String person, String purpose, String traceId) {
    }

    /** What the sender is told: the message id, how many records went on, and each rejected one's reason. */
    public record Accepted(String messageId, String resource, int accepted, List<Map<String, Object>> rejected, long usageLogSeq) {
    }

    /** What a grant holder reads. */
    public record Shared(String resource, String grant, int count, List<Map<String, Object>> records, long usageLogSeq) {
    }

    @Inject
    Catalog catalog;

    @Inject
    Gate gate;

    @Inject
    MaskingProfiles profiles;

    @Inject
    Grants grants;

    @Inject
    Datasets datasets;

    @Inject
    UsageLog usageLog;

    @Inject
    HubConfig hub;

    @Inject
    ProducerTemplate producer;

    @Inject
    ObjectMapper json;

    /** Records a provider sends up (aggregation): gate, then the durable aggregation queue. */
    public Accepted ingest(String code, List<Map<String, Object>> records, Party from, String messageId) {
        ResourceSpec spec = published(code);
        GateContext ctx = context(spec, Destination.AGGREGATION, from, null, Set.of(), messageId);
        Passage passage = passOrDeadLetter(records, ctx);
        Map<String, Object> headers = headers(ctx);
        headers.put(Headers.PROVIDER, spec.providerUscc());
        send(Addresses.AGGREGATION, passage, headers, ctx);
        if (!passage.rejected().isEmpty()) {
            deadLetter(ctx, "validation.record", passage.rejected().size() + " record(s) rejected", passage.rejected());
        }
        return new Accepted(messageId, code, passage.records().size(), GateRefusedMapper.rejections(passage.rejected()),
                passage.logEntry().seq());
    }

    /**
     * The queue form of {@link #ingest}: a department system sends a JSON array of records to
     * {@code pdx.in.{code}} with {@code PdxPerson} and {@code PdxPurpose}. A refused message is
     * answered by the dead-letter address, and its consumption is committed; a failure of the
     * node itself (the usage log, the broker) rolls back and the broker redelivers.
     */
    public void ingestFromQueue(Exchange exchange) {
        var in = exchange.getMessage();
        String code = in.getHeader(Headers.RESOURCE, String.class);
        ResourceSpec spec = published(code);
        String messageId = firstNonNull(in.getHeader(Headers.MESSAGE_ID, String.class), in.getHeader("JMSMessageID", String.class));
        // The sender is the organisation the broker authenticated, never a header the client set;
        // the gate then checks that it is the provider. The node's own user stands for the provider.
        String sender = BrokerSecurity.senderOrganisation(in.getHeader(BrokerSecurity.SENDER_HEADER, String.class));
        Party from = new Party(sender != null ? sender : spec.providerUscc(), in.getHeader(Headers.PERSON, String.class),
                in.getHeader(Headers.PURPOSE, String.class),
                firstNonNull(in.getHeader(Headers.TRACE_ID, String.class), messageId));
        List<Map<String, Object>> records;
        try {
            records = json.readValue(in.getBody(byte[].class), RECORDS);
        } catch (IOException e) {
            GateContext ctx = context(spec, Destination.AGGREGATION, from, null, Set.of(), messageId);
            usageLog.append(new UsageEntry(null, 0, null, from.person(), from.organisation(), from.purpose(), null, code,
                    Destination.AGGREGATION.name(), null, 0, 0, UsageDecision.REFUSED, "message.malformed", null, null,
                    from.traceId(), messageId, "the body is not a JSON array of records", null, null));
            deadLetter(ctx, "message.malformed", "the body is not a JSON array of records: " + e.getMessage(), List.of());
            return;
        }
        try {
            Accepted accepted = ingest(code, records, from, messageId);
            LOG.debugf("Queue message %s of %s: %d accepted, %d rejected", messageId, code, accepted.accepted(), accepted.rejected().size());
        } catch (GateRefused refused) {
            LOG.infof("Queue message %s of %s refused: %s", messageId, code, refused.rule());
        }
    }

    /** Records a grant holder reads, cut to its grant and masked for sharing. */
    public Shared read(String code, Party reader, Set<String> fields, int offset, int limit) {
        ResourceSpec spec = published(code);
        Instant now = Instant.now();
        GrantSpec grant = grants.bestFor(reader.organisation(), code, now).map(Grant::spec).orElse(null);
        GateContext ctx = context(spec, Destination.SHARE, reader, grant, fields, "read-" + UUID.randomUUID());
        Passage passage = gate.pass(datasets.read(code, offset, limit), ctx);
        return new Shared(code, grant == null ? null : grant.id(), passage.records().size(), passage.records(), passage.logEntry().seq());
    }

    /**
     * Open data (开放, art. 25-26) through the gate with the open profile: no grant for an
     * UNCONDITIONAL resource; for a CONDITIONAL one the grant of the reader's open application,
     * which the gate checks as it checks a share grant. The public reader has no organisation.
     */
    public Shared readOpen(String code, Party reader, GrantSpec grant, int offset, int limit) {
        ResourceSpec spec = published(code);
        GateContext ctx = context(spec, Destination.OPEN, reader, grant, Set.of(), "open-" + UUID.randomUUID());
        Passage passage = gate.pass(datasets.read(code, offset, limit), ctx);
        return new Shared(code, grant == null ? null : grant.id(), passage.records().size(), passage.records(), passage.logEntry().seq());
    }

    /** Records an upper node returns down (返还, art. 20) to a lower organisation's return address. */
    public Accepted giveBack(String code, String toUscc, List<Map<String, Object>> records, Party from) {
        ResourceSpec spec = published(code);
        String messageId = "ret-" + UUID.randomUUID();
        Party receiver = new Party(toUscc, from.person(), from.purpose(), from.traceId());
        GateContext ctx = context(spec, Destination.RETURN, receiver, null, Set.of(), messageId);
        Passage passage = passOrDeadLetter(records, ctx);
        Map<String, Object> headers = headers(ctx);
        headers.put(Headers.TO, toUscc);
        headers.put(Headers.PROVIDER, from.organisation());
        send(Addresses.returnTo(toUscc), passage, headers, ctx);
        return new Accepted(messageId, code, passage.records().size(), GateRefusedMapper.rejections(passage.rejected()),
                passage.logEntry().seq());
    }

    private Passage passOrDeadLetter(List<Map<String, Object>> records, GateContext ctx) {
        try {
            return gate.pass(records, ctx);
        } catch (GateRefused refused) {
            deadLetter(ctx, refused.rule(), refused.getMessage(), refused.rejected());
            throw refused;
        }
    }

    private void send(String address, Passage passage, Map<String, Object> headers, GateContext ctx) {
        try {
            producer.sendBodyAndHeaders("jms:queue:" + address, passage.payload(), headers);
        } catch (RuntimeException e) {
            // The usage log said DELIVERED; say that it was not, and let the sender retry.
            usageLog.append(new UsageEntry(null, 0, null, ctx.person(), ctx.requesterUscc(), ctx.purpose(), null, ctx.resource().code(),
                    ctx.destination().name(), null, 0, 0, UsageDecision.FAILED, "delivery.broker", null, null, ctx.traceId(),
                    ctx.messageId(), "could not be queued to " + address, null, null));
            LOG.error("Could not queue message " + ctx.messageId() + " to " + address, e);
            throw new ProblemException(503, "delivery.broker", "Not queued",
                    "the node could not queue the message; nothing was delivered, send it again", null);
        }
    }

    /** A refusal is an answer: what was refused goes to the dead-letter address with its reason, masked. */
    private void deadLetter(GateContext ctx, String rule, String reason, List<Passage.Rejected> rejected) {
        Map<String, Object> letter = new LinkedHashMap<>();
        letter.put("resource", ctx.resource().code());
        letter.put("messageId", ctx.messageId());
        letter.put("rule", rule);
        letter.put("reason", reason);
        letter.put("rejected", rejected.stream().map(r -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("index", r.index());
            m.put("field", r.field());
            m.put("reason", r.reason());
            m.put("record", r.maskedRecord());
            return m;
        }).toList());
        Map<String, Object> headers = headers(ctx);
        headers.put(Headers.RULE, rule);
        headers.put(Headers.REASON, reason);
        try {
            producer.sendBodyAndHeaders("jms:queue:" + Addresses.DEAD_LETTER, json.writeValueAsBytes(letter), headers);
        } catch (IOException | RuntimeException e) {
            LOG.error("Could not write the dead letter of message " + ctx.messageId(), e);
        }
    }

    private GateContext context(ResourceSpec spec, Destination d, Party p, GrantSpec grant, Set<String> fields, String messageId) {
        return new GateContext(spec, d, p.organisation(), p.person(), p.purpose(), grant, fields == null ? Set.of() : fields,
                profiles.forDestination(d), hub.node().id(), p.traceId() == null ? messageId : p.traceId(), messageId, Instant.now());
    }

    private Map<String, Object> headers(GateContext ctx) {
        Map<String, Object> h = new HashMap<>();
        h.put(Headers.RESOURCE, ctx.resource().code());
        h.put(Headers.RESOURCE_VERSION, (int) ctx.resource().version());
        h.put(Headers.REQUESTER, ctx.requesterUscc());
        h.put(Headers.PERSON, ctx.person());
        h.put(Headers.PURPOSE, ctx.purpose());
        h.put(Headers.TRACE_ID, ctx.traceId());
        h.put(Headers.MESSAGE_ID, ctx.messageId());
        h.put(Headers.SOURCE_NODE, hub.node().id());
        return h;
    }

    ResourceSpec published(String code) {
        return catalog.publishedSpec(code).orElseThrow(() -> new ProblemException(404, "resource.not-published", "Not found",
                "no published resource '" + code + "': nothing moves through the hub unless it is a published catalog resource (art. 3)", "code"));
    }

    private static String firstNonNull(String a, String b) {
        return a != null ? a : b != null ? b : UUID.randomUUID().toString();
    }
}
