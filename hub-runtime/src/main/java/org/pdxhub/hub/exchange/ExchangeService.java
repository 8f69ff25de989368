package org.pdxhub.hub.exchange;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.ProducerTemplate;
import org.jboss.logging.Logger;
import org.pdxhub.hub.access.Caller;
import org.pdxhub.hub.access.Role;
import org.pdxhub.hub.api.ProblemException;
import org.pdxhub.hub.canary.Canaries;
import org.pdxhub.hub.audit.UsageDecision;
import org.pdxhub.hub.audit.UsageEntry;
import org.pdxhub.hub.audit.UsageLog;
import org.pdxhub.hub.audit.UsageWitness;
import org.pdxhub.hub.catalog.Catalog;
import org.pdxhub.hub.deadletter.DeadLetters;
import org.pdxhub.hub.deadletter.Refusal;
import org.pdxhub.hub.envelope.Headers;
import org.pdxhub.hub.gate.Gate;
import org.pdxhub.hub.gate.GateRefused;
import org.pdxhub.hub.gate.GateRefusedMapper;
import org.pdxhub.hub.gate.MaskingProfiles;
import org.pdxhub.hub.gate.Passage;
import org.pdxhub.hub.gate.ProfileMasking;
import org.pdxhub.hub.envelope.Hop;
import org.pdxhub.hub.link.LinkTarget;
import org.pdxhub.hub.link.Links;
import org.pdxhub.hub.link.Recipients;
import org.pdxhub.hub.link.RelayedRequests;
import org.pdxhub.hub.messaging.Addresses;
import org.pdxhub.hub.messaging.BrokerSecurity;
import org.pdxhub.hub.node.HubConfig;
import org.pdxhub.hub.organisation.Organisations;
import org.pdxhub.hub.sharing.Grant;
import org.pdxhub.hub.sharing.Grants;
import org.pdxhub.plugin.Destination;
import org.pdxhub.plugin.GateContext;
import org.pdxhub.plugin.GrantSpec;
import org.pdxhub.plugin.ResourceSpec;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
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
    private static final TypeReference<Map<String, String>> MASKS = new TypeReference<>() {
    };
    private static final TypeReference<List<Hop>> HOPS = new TypeReference<>() {
    };
    /** Records in one return: one message. */
    static final int MAX_RETURNED = 10_000;
    /** The usage log's column for a resource code. */
    private static final int MAX_CODE = 64;

    /** Who sends or reads, and why (art. 19); {@code keyId} is the key it authenticated with, for the usage log. */
    public record Party(String organisation, String person, String purpose, String traceId, String keyId) {

        /** A party whose key is not known here (a queue, a connector, a relayed message). */
        public Party(String organisation, String person, String purpose, String traceId) {
            this(organisation, person, purpose, traceId, null);
        }
    }

    /** What the sender is told: the message id, how many records went on, and each rejected one's reason. */
    public record Accepted(String messageId, String resource, int accepted, List<Map<String, Object>> rejected, long usageLogSeq) {
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
    Clock clock;

    @Inject
    Canaries canaries;

    @Inject
    BeforeMasking beforeMasking;

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
    UsageWitness usageWitness;

    @Inject
    HubConfig hub;

    @Inject
    ProducerTemplate producer;

    @Inject
    DocumentExchange documents;

    @Inject
    ObjectMapper json;

    @Inject
    ProfileMasking masking;

    @Inject
    Links links;

    @Inject
    Trails trails;

    @Inject
    RelayedRequests relayedRequests;

    @Inject
    IngestIdempotency idempotency;

    @Inject
    Recipients recipients;

    @Inject
    Organisations organisations;

    @Inject
    DeadLetters deadLetters;

    /** Records a provider sends up (aggregation): gate, then the durable aggregation queue. */
    public Accepted ingest(String code, List<Map<String, Object>> records, Party from, String messageId) {
        return ingest(code, records, from, messageId, Arrival.HERE);
    }

    private Accepted ingest(String code, List<Map<String, Object>> records, Party from, String messageId, Arrival arrival) {
        ResourceSpec spec = published(code);
        GateContext ctx = context(spec, Destination.AGGREGATION, from, null, Set.of(), messageId, arrival.maskedUpstream());
        // Only a provider's own records are raw here; relayed ones arrive masked upstream.
        BeforeMasking.Taken taken = arrival == Arrival.HERE ? beforeMasking.take(spec, records) : BeforeMasking.Taken.NOTHING;
        Passage passage = passOrDeadLetter(records, ctx);
        Map<String, Object> headers = headers(ctx);
        headers.put(Headers.PROVIDER, spec.providerUscc());
        onward(headers, ctx, passage, arrival);
        // The same message id twice from one sender (a redelivery after a crash) is taken once by the broker.
        headers.put(Headers.DUPLICATE_ID, Headers.duplicateId(ctx.requesterUscc(), messageId));
        headers.put(Headers.PASSAGE_SEQ, passage.logEntry().seq());
        String keyField = spec.keyField();
        headers.put(Headers.GROUP, Headers.group(code, keyField == null ? List.of()
                : passage.records().stream().map(r -> r.get(keyField)).toList()));
        send(Addresses.AGGREGATION, passage, headers, ctx);
        taken.passed(passage.records().stream().map(r -> keyField == null ? null : r.get(keyField)).toList(), passage.logEntry().seq());
        if (!passage.rejected().isEmpty()) {
            deadLetter(ctx, "validation.record", passage.rejected().size() + " record(s) rejected", passage.rejected());
        }
        return new Accepted(messageId, code, passage.records().size(), GateRefusedMapper.rejections(passage.rejected()),
                passage.logEntry().seq());
    }

    /**
     * The queue form of {@link #ingest}: a department system sends a JSON array of records to
     * {@code pdx.in.{code}} with {@code PdxPerson} and {@code PdxPurpose}. A message that cannot
     * pass (a body that is not an array of records, a property too long or with control
     * characters, a resource no longer published) is refused at once, like a REST refusal: in the
     * usage log with the sender, and to the dead-letter address with its reason, its consumption
     * committed, never redelivered. A message this sender passed before is logged as a duplicate
     * of that passage. A failure of the node itself (the usage log, the broker) rolls back and the
     * broker redelivers.
     */
    public void ingestFromQueue(Exchange exchange) {
        var in = exchange.getMessage();
        String code = in.getHeader(Headers.RESOURCE, String.class);
        byte[] body = in.getBody(byte[].class);
        Optional<ResourceSpec> published = catalog.publishedSpec(code);
        // The sender is the organisation the broker authenticated, never a header the client set;
        // the gate then checks that it is the provider. The node's own users stand for the provider.
        String brokerUser = BrokerSecurity.senderOrganisation(in.getHeader(BrokerSecurity.SENDER_HEADER, String.class));
        String sender = brokerUser != null ? brokerUser : published.map(ResourceSpec::providerUscc).orElse(null);
        String person = in.getHeader(Headers.PERSON, String.class);
        String purpose = in.getHeader(Headers.PURPOSE, String.class);
        String traceId = in.getHeader(Headers.TRACE_ID, String.class);
        String messageId = in.getHeader(Headers.MESSAGE_ID, String.class);
        QueueRefusal refusal = QueueRefusal.ofProperty(Headers.MESSAGE_ID, messageId, MAX_ID)
                .or(() -> QueueRefusal.ofProperty(Headers.PERSON, person, MAX_PERSON))
                .or(() -> QueueRefusal.ofProperty(Headers.PURPOSE, purpose, MAX_PURPOSE))
                .or(() -> QueueRefusal.ofProperty(Headers.TRACE_ID, traceId, MAX_ID))
                .orElse(null);
        if (refusal != null) {
            // A value at fault is not written anywhere (it may be a raw identifier or a forged log line); the others are.
            refuseFromQueue(in, code, sender, refusal, QueueRefusal.clean(person, MAX_PERSON), QueueRefusal.clean(purpose, MAX_PURPOSE),
                    QueueRefusal.clean(messageId, MAX_ID), QueueRefusal.clean(traceId, MAX_ID), body);
            return;
        }
        messageId = firstNonNull(messageId, in.getHeader("JMSMessageID", String.class));
        if (published.isEmpty()) {
            refuseFromQueue(in, code, sender, new QueueRefusal("resource.not-published", null, "no published resource '" + code
                    + "': nothing moves through the hub unless it is a published catalog resource (art. 3)"), person, purpose, messageId,
                    traceId, body);
            return;
        }
        if (DocumentExchange.isDocument(in.getHeader(DocumentExchange.CONTENT_TYPE, String.class), body)) {
            documents.receiveFromQueue(code, body, in.getHeader(DocumentExchange.FILE_NAME, String.class),
                    new Party(sender, person, purpose, firstNonNull(traceId, messageId)), messageId);
            return;
        }
        List<Map<String, Object>> records;
        try {
            records = readRecords(body);
        } catch (IOException e) {
            refuseFromQueue(in, code, sender, new QueueRefusal("message.malformed", "body", "the body is not a JSON array of records ("
                    + e.getClass().getSimpleName() + "): send [{\"field\": value, ...}, ...] and nothing after it"), person, purpose, messageId,
                    traceId, body);
            return;
        }
        OptionalLong first = idempotency.firstPassage(code, sender, messageId);
        if (first.isPresent()) {
            usageLog.append(new UsageEntry(null, 0, null, person, sender, purpose, null, code, Destination.AGGREGATION.name(), null,
                    records.size(), 0, UsageDecision.DUPLICATE, "message.duplicate", null, null, firstNonNull(traceId, messageId), messageId,
                    "sent again: passed the gate once, at usage-log seq " + first.getAsLong() + "; not delivered again", null, null));
            LOG.infof("Queue message %s of %s from %s is a duplicate of usage-log entry %d", messageId, code, sender, first.getAsLong());
            return;
        }
        Party from = new Party(sender, person, purpose, firstNonNull(traceId, messageId));
        try {
            Accepted accepted = ingest(code, records, from, messageId);
            idempotency.passed(code, sender, messageId, accepted.usageLogSeq());
            LOG.debugf("Queue message %s of %s: %d accepted, %d rejected", messageId, code, accepted.accepted(), accepted.rejected().size());
        } catch (GateRefused refused) {
            LOG.infof("Queue message %s of %s refused: %s", messageId, code, refused.rule());
        } catch (ProblemException problem) {
            if (problem.status() >= 500) {
                throw problem;
            }
            refuseFromQueue(in, code, sender, new QueueRefusal(problem.rule(), null, problem.getMessage()), person, purpose, messageId,
                    traceId, body);
        }
    }

    /** Column widths of the usage log: a longer value is refused, not cut. */
    private static final int MAX_ID = 64;
    private static final int MAX_PERSON = 100;
    private static final int MAX_PURPOSE = 500;

    /** Why a queue message is refused before the gate: the rule, the property or part at fault, and what to change. */
    private record QueueRefusal(String rule, String field, String reason) {

        static Optional<QueueRefusal> ofProperty(String name, String value, int max) {
            if (value == null) {
                return Optional.empty();
            }
            if (value.length() > max) {
                return Optional.of(new QueueRefusal("message.property-too-long", name, name + " has " + value.length()
                        + " characters; at most " + max));
            }
            if (value.chars().anyMatch(Character::isISOControl)) {
                return Optional.of(new QueueRefusal("message.property-control-character", name, name
                        + " holds a control character (CR, LF, tab...); send plain text"));
            }
            return Optional.empty();
        }

        /** The value when it may be written, else null. */
        static String clean(String value, int max) {
            return ofProperty("", value, max).isEmpty() ? value : null;
        }
    }

    /** A JSON array of JSON objects and nothing after it; {@code [null]}, {@code [1]} or trailing text are not records. */
    private List<Map<String, Object>> readRecords(byte[] body) throws IOException {
        if (body == null || body.length == 0) {
            throw new JsonMappingException(null, "empty body");
        }
        List<Map<String, Object>> records = json.readerFor(RECORDS).with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).readValue(body);
        if (records == null || records.stream().anyMatch(r -> r == null)) {
            throw new JsonMappingException(null, "null where a record was expected");
        }
        return records;
    }

    /**
     * A queue message refused before the gate: one REFUSED usage-log entry with the sender, and
     * the message as sent to the dead-letter address with its rule and reason, once.
     */
    private void refuseFromQueue(Message in, String code, String sender, QueueRefusal refusal, String person, String purpose,
                                 String messageId, String traceId, byte[] body) {
        String reason = refusal.field() == null ? refusal.reason() : refusal.field() + ": " + refusal.reason();
        usageLog.append(new UsageEntry(null, 0, null, person, sender, purpose, null, code, Destination.AGGREGATION.name(), null, 0, 0,
                UsageDecision.REFUSED, refusal.rule(), null, null, traceId != null ? traceId : messageId, messageId, reason, null, null));
        deadLetters.refuse(body, envelopeOf(in, person, purpose, traceId), Refusal.because(refusal.rule(), reason)
                .from(Addresses.inbound(code)).sentBy(sender).about(code, messageId));
    }

    /** The values of a refused message that may be written (the caller has left out any at fault), and its delivery count. */
    private static Map<String, Object> envelopeOf(Message in, String person, String purpose, String traceId) {
        Map<String, Object> envelope = new HashMap<>();
        envelope.put(Headers.PERSON, person);
        envelope.put(Headers.PURPOSE, purpose);
        envelope.put(Headers.TRACE_ID, traceId);
        envelope.put("JMSXDeliveryCount", in.getHeader("JMSXDeliveryCount"));
        envelope.values().removeIf(v -> v == null);
        return envelope;
    }

    /** Records a grant holder reads, cut to its grant and masked for sharing. */
    public Shared read(String code, Party reader, Set<String> fields, int offset, int limit) {
        ResourceSpec spec = published(code);
        Instant now = Instant.now(clock);
        GrantSpec grant = grants.bestFor(reader.organisation(), code, now).map(Grant::spec).orElse(null);
        GateContext ctx = context(spec, Destination.SHARE, reader, grant, fields, "read-" + UUID.randomUUID());
        List<Map<String, Object>> page = datasets.read(code, offset, limit);
        // A grant's extract of personal data carries its canaries, so that a leak of it names the grant.
        Passage passage = gate.pass(grant == null ? page : canaries.mixIn(spec, grant.id(), reader.organisation(), page, offset), ctx);
        return new Shared(code, grant == null ? null : grant.id(), passage.records().size(), passage.records(), passage.logEntry().seq());
    }

    /**
     * Records that changed, delivered to a grant holder's subscription ({@code from: pdx:share/{code}}):
     * through the gate as a read, cut to the grant's fields and masked for sharing, as {@link #read} does.
     */
    public Shared share(String code, Party reader, List<Map<String, Object>> changed) {
        ResourceSpec spec = published(code);
        GrantSpec grant = grants.bestFor(reader.organisation(), code, Instant.now(clock)).map(Grant::spec).orElse(null);
        GateContext ctx = context(spec, Destination.SHARE, reader, grant, Set.of(), "share-" + UUID.randomUUID());
        // Every delivery carries the grant's canaries as a read's first page does: a leaked delivered file names the grant.
        Passage passage = gate.pass(grant == null ? changed : canaries.mixIn(spec, grant.id(), reader.organisation(), changed, 0), ctx);
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

    /**
     * Returns held records down (返还, art. 20) to an organisation served here or reached through
     * a child link. The records are this node's own, taken from its dataset, never the caller's.
     * Who may: the agency's staff at this node (ADMIN or SPECIALIST of the node's organisation),
     * any held records to any such organisation; or the resource's provider, the records it
     * provided, to itself only (to another organisation is the agency's decision: a return request).
     */
    public Accepted giveBack(String code, String toUscc, Selection which, Party from, Caller by) {
        ResourceSpec spec = published(code);
        Recipients.Recipient to = recipients.require(toUscc, "to");
        boolean agencyStaff = by.organisation().equals(hub.node().organisation()) && (by.has(Role.ADMIN) || by.has(Role.SPECIALIST));
        boolean provider = by.organisation().equals(spec.providerUscc());
        if (!agencyStaff && !provider) {
            throw new ProblemException(403, "return.not-entitled", "Forbidden", "organisation " + by.organisation() + " may not return records of "
                    + code + " from node " + hub.node().id() + ": the agency's ADMIN or SPECIALIST here (organisation "
                    + hub.node().organisation() + ") returns held records, and the provider " + spec.providerUscc()
                    + " has its own returned to itself; ask with POST /api/v1/return-requests", null);
        }
        if (!agencyStaff && !to.uscc().equals(by.organisation())) {
            throw new ProblemException(403, "return.not-entitled", "Forbidden", "to: the provider " + by.organisation()
                    + " has its own records returned only to itself (to = " + by.organisation() + "); a return to another organisation"
                    + " is decided by the agency: ask with POST /api/v1/return-requests", "to");
        }
        List<Map<String, Object>> records = held(spec, which, agencyStaff ? null : by.organisation());
        Arrival stored = new Arrival(masking.applied(spec, profiles.forDestination(Destination.AGGREGATION), Set.of()), List.of());
        return giveBack(code, to.uscc(), records, from, "ret-" + UUID.randomUUID(), stored);
    }

    /**
     * The held records a return takes; with {@code onlyOf}, only those that organisation provided.
     *
     * @throws ProblemException naming the field when the selection is empty, too large or matches nothing held
     */
    private List<Map<String, Object>> held(ResourceSpec spec, Selection which, String onlyOf) {
        boolean byKey = which.keys() != null && !which.keys().isEmpty();
        if (!byKey && which.providedBy() == null) {
            throw ProblemException.badRequest("missing-field", "keys", "say which held records to return: keys (the stored keys or the"
                    + " raw identifiers) or providedBy (the USCC of the organisation whose records they are)");
        }
        if (byKey && which.keys().size() > MAX_RETURNED) {
            throw ProblemException.badRequest("too-many", "keys", "at most " + MAX_RETURNED + " keys in one return; return in parts");
        }
        String providedBy = which.providedBy();
        if (providedBy != null) {
            organisations.checkUscc(providedBy, "providedBy");
            if (onlyOf != null && !onlyOf.equals(providedBy)) {
                throw new ProblemException(403, "return.not-entitled", "Forbidden", "providedBy: organisation " + onlyOf
                        + " has only the records it provided returned, not those of " + providedBy, "providedBy");
            }
        }
        String of = providedBy != null ? providedBy : onlyOf;
        List<Map<String, Object>> records;
        if (byKey) {
            // A key is the stored one or the raw identifier, which is stored as the aggregation profile masks it.
            Set<String> keys = new LinkedHashSet<>();
            for (String k : which.keys()) {
                if (k != null && !k.isBlank()) {
                    keys.add(k.strip());
                    keys.add(storedKey(spec, k));
                }
            }
            records = datasets.byKeys(spec.code(), List.copyOf(keys), of);
        } else {
            records = datasets.providedBy(spec.code(), of, MAX_RETURNED + 1);
            if (records.size() > MAX_RETURNED) {
                throw ProblemException.badRequest("too-many", "providedBy", "more than " + MAX_RETURNED + " held records match; return"
                        + " them in parts, by keys");
            }
        }
        if (records.isEmpty()) {
            throw new ProblemException(404, "return.nothing-held", "Not found", (byKey ? "keys" : "providedBy") + ": node " + hub.node().id()
                    + " holds no record of " + spec.code() + " that matches" + (onlyOf == null ? "" : " and that " + onlyOf + " provided"),
                    byKey ? "keys" : "providedBy");
        }
        return records;
    }

    /**
     * Keys as this node stores them: a key held as given stays, a raw identifier is masked as
     * the aggregation profile stores it; so that a request can keep them without raw identifiers.
     */
    public List<String> storedKeys(String code, List<String> keys) {
        ResourceSpec spec = published(code);
        return keys.stream().filter(k -> k != null && !k.isBlank()).map(String::strip)
                .map(k -> datasets.held(code, k).isPresent() ? k : storedKey(spec, k)).distinct().toList();
    }

    /** The raw identifier as the node's aggregation profile stores it. */
    private String storedKey(ResourceSpec spec, String raw) {
        String value = raw.strip().toUpperCase(Locale.ROOT);
        if (spec.keyField() == null) {
            return value;
        }
        for (ProfileMasking.Planned p : masking.planFor(spec, profiles.forDestination(Destination.AGGREGATION))) {
            if (p.field().equals(spec.keyField())) {
                try {
                    return String.valueOf(p.masker().mask(value));
                } catch (RuntimeException notAnIdentifier) {
                    return value; // a strategy that takes only identifiers (fpe) leaves a stored key as it is
                }
            }
        }
        return value;
    }

    /**
     * Returned records go to the organisation's return address when it is served here, or down
     * the child link that reaches it; each node on the way passes them through its own gate.
     */
    private Accepted giveBack(String code, String toUscc, List<Map<String, Object>> records, Party from, String messageId, Arrival arrival) {
        ResourceSpec spec = published(code);
        Party receiver = new Party(toUscc, from.person(), from.purpose(), from.traceId());
        GateContext ctx = context(spec, Destination.RETURN, receiver, null, Set.of(), messageId, arrival.maskedUpstream());
        Passage passage = passOrDeadLetter(records, ctx);
        Map<String, Object> headers = headers(ctx);
        headers.put(Headers.TO, toUscc);
        headers.put(Headers.PROVIDER, from.organisation());
        String hops = onward(headers, ctx, passage, arrival);
        Optional<LinkTarget> down = links.childReaching(toUscc);
        String address = down.map(c -> Addresses.linkOut(c.id())).orElse(Addresses.returnTo(toUscc));
        if (down.isPresent()) {
            headers.put(Headers.DIRECTION, LinkTarget.Direction.DOWN.name());
        }
        headers.put(Headers.DUPLICATE_ID, Headers.duplicateId(from.organisation(), messageId));
        send(address, passage, headers, ctx);
        trails.returned(code, spec.keyField(), passage.records(), from.organisation(), messageId, toUscc, hops);
        return new Accepted(messageId, code, passage.records().size(), GateRefusedMapper.rejections(passage.rejected()),
                passage.logEntry().seq());
    }

    /**
     * A message from another node ({@code pdx.link.in}): records a child sends up are aggregated
     * here as if its provider had sent them; records the parent returns down go on towards their
     * organisation. Either way they pass this node's gate and its usage log. A message from a
     * node that is not linked here, or of a resource this node does not publish, is refused to
     * the dead-letter address with its reason; a failure of this node rolls back and the broker
     * tries again.
     */
    public void arrive(Exchange exchange) {
        var in = exchange.getMessage();
        String code = in.getHeader(Headers.RESOURCE, String.class);
        String messageId = in.getHeader(Headers.MESSAGE_ID, String.class);
        String fromNode = in.getHeader(Headers.SOURCE_NODE, String.class);
        String direction = in.getHeader(Headers.DIRECTION, String.class);
        // Who sent it: the organisation the broker authenticated (bridges), or the one the REST
        // link verified (LinkResource sets PdxSourceOrg); a bridged message must not claim another.
        String brokerUser = BrokerSecurity.senderOrganisation(in.getHeader(BrokerSecurity.SENDER_HEADER, String.class));
        String claimed = in.getHeader(Headers.SOURCE_ORG, String.class);
        String senderOrg = brokerUser != null ? brokerUser : claimed;
        LinkTarget.Direction sent = "UP".equals(direction) ? LinkTarget.Direction.UP : "DOWN".equals(direction) ? LinkTarget.Direction.DOWN : null;
        Optional<LinkTarget> link = sent == null ? Optional.empty() : links.sender(sent, fromNode, senderOrg);
        String problem = null;
        if (sent == null) {
            problem = "a relayed message says PdxDirection UP (from a child) or DOWN (from the parent), not '" + direction + "'";
        } else if (brokerUser != null && claimed != null && !brokerUser.equals(claimed)) {
            problem = "the message claims organisation " + claimed + " but was sent as " + brokerUser;
        } else if (link.isEmpty()) {
            problem = "node '" + fromNode + "' of organisation " + senderOrg + " is not linked to this node as a "
                    + (sent == LinkTarget.Direction.UP ? "child" : "parent") + " (pdx.node.parent / pdx.node.children)";
        }
        String badHeader = problem == null ? relayedHeaderProblem(in) : null;
        if (badHeader != null) {
            // The same limits as a department's message: a value the store cannot take would fail
            // the link message for ever. The refusal keeps only values that are themselves valid.
            refuseRelayed(in, code != null && code.length() <= MAX_CODE && Headers.problem(Headers.RESOURCE, code).isEmpty() ? code : null,
                    Headers.problem(Headers.MESSAGE_ID, messageId).isEmpty() ? messageId : null, senderOrg, "link.header-invalid", badHeader);
            return;
        }
        if (problem == null && UsageWitness.carries(in)) {
            usageWitness.receive(exchange, link.get()); // a child's signed usage-log head, or the parent's acknowledgement
            return;
        }
        if (problem == null && messageId != null && in.getHeader(RelayedRequests.KIND) != null) {
            relayedRequests.receive(exchange, link.get()); // a share request held here, or an answer to one
            return;
        }
        if (problem != null || code == null || messageId == null) {
            refuseRelayed(in, code, messageId, senderOrg, "link.refused", problem != null ? problem : "a relayed message needs PdxResource and PdxMessageId");
            return;
        }
        String outOfReach = sent == LinkTarget.Direction.UP
                ? providerNotBelow(link.get(), code, in.getHeader(Headers.PROVIDER, String.class))
                : recipients.unreachable(in.getHeader(Headers.TO, String.class)).orElse(null);
        if (outOfReach != null) {
            refuseRelayed(in, code, messageId, senderOrg, sent == LinkTarget.Direction.UP ? "link.provider-not-below" : "link.receiver-not-below", outOfReach);
            return;
        }
        Arrival arrival;
        List<Map<String, Object>> records;
        try {
            arrival = new Arrival(json.readValue(in.getHeader(Headers.MASKED, "{}", String.class), MASKS),
                    json.readValue(in.getHeader(Headers.HOPS, "[]", String.class), HOPS));
            records = json.readValue(in.getBody(byte[].class), RECORDS);
        } catch (IOException e) {
            refuseRelayed(in, code, messageId, senderOrg, "message.malformed", "a relayed message from " + fromNode + " could not be read: " + e.getMessage());
            return;
        }
        Party from = new Party(in.getHeader(Headers.PROVIDER, String.class), in.getHeader(Headers.PERSON, String.class),
                in.getHeader(Headers.PURPOSE, String.class), in.getHeader(Headers.TRACE_ID, messageId, String.class));
        try {
            if (LinkTarget.Direction.UP.name().equals(direction)) {
                ingest(code, records, from, messageId, arrival);
            } else {
                giveBack(code, in.getHeader(Headers.TO, String.class), records, from, messageId, arrival);
            }
        } catch (GateRefused refused) {
            LOG.infof("Relayed message %s of %s from %s refused: %s", messageId, code, fromNode, refused.rule());
        } catch (ProblemException notHere) {
            if (notHere.status() >= 500) {
                throw notHere;
            }
            refuseRelayed(in, code, messageId, senderOrg, notHere.rule(), notHere.getMessage());
        }
    }

    /**
     * A child relays only what organisations below it provided: its own, or those configured
     * as reached through it; and, for a resource published here, only its catalog provider's.
     * Returns why not, or null.
     */
    private String providerNotBelow(LinkTarget child, String code, String provider) {
        if (provider == null) {
            return "a message relayed up names its provider in PdxProvider";
        }
        if (!child.reaches(provider)) {
            return "child link " + child.id() + " relayed records of organisation " + provider + ", which is not below it: a child relays"
                    + " only its own organisation's records and those of the organisations configured under it"
                    + " (pdx.node.children[i].organisations)";
        }
        return catalog.publishedSpec(code).map(ResourceSpec::providerUscc).filter(p -> !p.equals(provider))
                .map(p -> "child link " + child.id() + " relayed records of " + code + " as provided by " + provider
                        + ", but its provider is " + p)
                .orElse(null);
    }

    /**
     * After this node's gate: the hops so far plus this one, and what has been masked by now,
     * for the next node and for lineage. Returns the hops as JSON.
     */
    private String onward(Map<String, Object> headers, GateContext ctx, Passage passage, Arrival arrival) {
        var entry = passage.logEntry();
        List<Hop> hops = new ArrayList<>(arrival.hops());
        hops.add(new Hop(hub.node().id(), hub.node().organisation(), hub.node().level().name(), ctx.destination().name(),
                entry.at(), ctx.messageId(), entry.seq(), entry.masking(), ctx.person(), ctx.purpose()));
        Map<String, String> masked = new LinkedHashMap<>(masking.applied(ctx.resource(), ctx.profile(), Set.of()));
        masked.putAll(arrival.maskedUpstream());
        try {
            String hopsJson = json.writeValueAsString(hops);
            headers.put(Headers.HOPS, hopsJson);
            headers.put(Headers.ORIGIN_NODE, hops.get(0).node());
            headers.put(Headers.MASKED, json.writeValueAsString(masked));
            return hopsJson;
        } catch (IOException e) {
            throw new IllegalStateException("hops could not be written", e);
        }
    }

    /**
     * Lands a message of the aggregation queue in this node's datasets (once per message id), with
     * its trail for lineage, and sends it on to the parent when the parent subscribes to the
     * resource. It is sent on even when it had landed before: a crash may have come between the
     * store's commit and the queue's, and the parent's broker drops the duplicate.
     */
    public void land(Exchange exchange) {
        var m = exchange.getMessage();
        String code = m.getHeader(Headers.RESOURCE, String.class);
        String messageId = m.getHeader(Headers.MESSAGE_ID, String.class);
        String hops = m.getHeader(Headers.HOPS, String.class);
        String keyField = catalog.publishedSpec(code).map(ResourceSpec::keyField).orElse(null);
        byte[] payload = m.getBody(byte[].class);
        int landed = datasets.land(payload, keyField, new Datasets.Provenance(code,
                m.getHeader(Headers.RESOURCE_VERSION, 0, Integer.class), m.getHeader(Headers.ORIGIN_NODE, hub.node().id(), String.class),
                m.getHeader(Headers.PROVIDER, String.class), messageId, m.getHeader(Headers.PASSAGE_SEQ, 0L, Long.class)), hops);
        m.setHeader("PdxLanded", landed);
        links.parent().filter(p -> p.carries(code)).ifPresent(parent -> {
            Map<String, Object> headers = new HashMap<>();
            m.getHeaders().forEach((k, v) -> {
                if (k.startsWith("Pdx") && !k.equals("PdxLanded") && !k.equals(BrokerSecurity.SENDER_HEADER) && !k.equals(Headers.PASSAGE_SEQ)) {
                    headers.put(k, v);
                }
            });
            headers.put(Headers.DIRECTION, LinkTarget.Direction.UP.name());
            headers.put(Headers.SOURCE_NODE, hub.node().id());
            headers.put(Headers.SOURCE_ORG, hub.node().organisation());
            headers.put(Headers.DUPLICATE_ID, Headers.duplicateId(m.getHeader(Headers.PROVIDER, String.class), messageId));
            producer.sendBodyAndHeaders(Addresses.NODE_JMS + ":queue:" + Addresses.linkOut(parent.id()), payload, headers);
        });
    }

    /** A relayed message refused: in the usage log with the linked organisation that sent it, and dead-lettered with its reason. */
    /** What is wrong with a relayed message's stored headers (length, control characters), if anything. */
    private static String relayedHeaderProblem(Message in) {
        String code = in.getHeader(Headers.RESOURCE, String.class);
        if (code != null && code.length() > MAX_CODE) {
            return Headers.RESOURCE + " is " + code.length() + " characters long; a catalog code has at most " + MAX_CODE;
        }
        for (String name : List.of(Headers.RESOURCE, Headers.MESSAGE_ID, Headers.PERSON, Headers.PURPOSE, Headers.TRACE_ID)) {
            Optional<String> problem = Headers.problem(name, in.getHeader(name, String.class));
            if (problem.isPresent()) {
                return problem.get();
            }
        }
        return null;
    }

    private void refuseRelayed(Message in, String code, String messageId, String senderOrg, String rule, String reason) {
        usageLog.append(new UsageEntry(null, 0, null, null, senderOrg, null, null, code, null, null, 0, 0, UsageDecision.REFUSED,
                rule, null, null, messageId, messageId, reason, null, null));
        deadLetters.refuse(in.getBody(byte[].class), in.getHeaders(), Refusal.because(rule, reason).from(Addresses.LINK_IN)
                .sentBy(senderOrg).about(code, messageId));
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
            producer.sendBodyAndHeaders(Addresses.NODE_JMS + ":queue:" + address, passage.payload(), headers);
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
        try {
            deadLetters.refuseRecords(json.writeValueAsBytes(letter), headers(ctx), Refusal.because(rule, reason)
                    .sentBy(ctx.requesterUscc()).about(ctx.resource().code(), ctx.messageId()));
        } catch (IOException | RuntimeException e) {
            LOG.error("Could not write the dead letter of message " + ctx.messageId(), e);
        }
    }

    private GateContext context(ResourceSpec spec, Destination d, Party p, GrantSpec grant, Set<String> fields, String messageId) {
        return context(spec, d, p, grant, fields, messageId, Map.of());
    }

    private GateContext context(ResourceSpec spec, Destination d, Party p, GrantSpec grant, Set<String> fields, String messageId,
                                Map<String, String> maskedUpstream) {
        return new GateContext(spec, d, p.organisation(), p.person(), p.purpose(), grant, fields == null ? Set.of() : fields,
                profiles.forDestination(d), hub.node().id(), p.traceId() == null ? messageId : p.traceId(), messageId, Instant.now(clock),
                maskedUpstream, p.keyId());
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
        h.put(Headers.SOURCE_ORG, hub.node().organisation());
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
