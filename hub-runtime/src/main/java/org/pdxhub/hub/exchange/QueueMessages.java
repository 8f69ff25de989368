package org.pdxhub.hub.exchange;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;
import org.pdxhub.hub.api.ProblemException;
import org.pdxhub.hub.api.TextFields;
import org.pdxhub.hub.audit.UsageDecision;
import org.pdxhub.hub.audit.UsageEntry;
import org.pdxhub.hub.audit.UsageLog;
import org.pdxhub.hub.catalog.Catalog;
import org.pdxhub.hub.deadletter.DeadLetters;
import org.pdxhub.hub.deadletter.Refusal;
import org.pdxhub.hub.envelope.Headers;
import org.pdxhub.hub.exchange.ExchangeService.Arrival;
import org.pdxhub.hub.exchange.ExchangeService.Accepted;
import org.pdxhub.hub.exchange.ExchangeService.Party;
import org.pdxhub.hub.gate.GateRefused;
import org.pdxhub.hub.messaging.Addresses;
import org.pdxhub.hub.messaging.BrokerSecurity;
import org.pdxhub.hub.store.TimeOrderedIds;
import org.pdxhub.plugin.Destination;
import org.pdxhub.plugin.ResourceSpec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One message of a department's inbound queue ({@code pdx.in.{code}}), read and checked before
 * it goes up for aggregation: its properties, its body, whether its sender passed it before.
 */
@ApplicationScoped
public class QueueMessages {

    private static final Logger LOG = Logger.getLogger(QueueMessages.class);
    private static final TypeReference<List<Map<String, Object>>> RECORDS = new TypeReference<>() {
    };

    @Inject
    Catalog catalog;

    @Inject
    BrokerSecurity brokerSecurity;

    @Inject
    Aggregation aggregation;

    @Inject
    DocumentExchange documents;

    @Inject
    IngestIdempotency idempotency;

    @Inject
    UsageLog usageLog;

    @Inject
    DeadLetters deadLetters;

    @Inject
    ObjectMapper json;

    /** The reader of a body of records, made once: an ObjectReader is immutable and thread-safe, and costly to make per message. */
    private ObjectReader recordsReader;

    @PostConstruct
    void init() {
        recordsReader = json.readerFor(RECORDS).with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    /**
     * The queue form of {@link Aggregation#ingest}: a department system sends a JSON array of records to
     * {@code pdx.in.{code}} with {@code PdxPerson} and {@code PdxPurpose}. A message that cannot
     * pass (a body that is not an array of records, a property too long or with control
     * characters, a resource no longer published) is refused at once, like a REST refusal: in the
     * usage log with the sender, and to the dead-letter address with its reason, its consumption
     * committed, never redelivered. A message this sender passed before is logged as a duplicate
     * of that passage. A failure of the node itself (the usage log, the broker) rolls back and the
     * broker redelivers.
     */
    public void ingestFromQueue(Received in) {
        String code = in.code();
        byte[] body = in.body();
        Optional<ResourceSpec> published = in.published();
        String sender = in.sender();
        String person = in.person();
        String purpose = in.purpose();
        String traceId = in.traceId();
        String messageId = in.messageId();
        QueueRefusal refusal = QueueRefusal.ofProperty(Headers.MESSAGE_ID, messageId)
                .or(() -> QueueRefusal.ofProperty(Headers.PERSON, person))
                .or(() -> QueueRefusal.ofProperty(Headers.PURPOSE, purpose))
                .or(() -> QueueRefusal.ofProperty(Headers.TRACE_ID, traceId))
                .orElse(null);
        if (refusal != null) {
            // A value at fault is not written anywhere (it may be a raw identifier or a forged log line); the others are.
            refuseFromQueue(in, code, sender, refusal, QueueRefusal.clean(Headers.PERSON, person), QueueRefusal.clean(Headers.PURPOSE, purpose),
                    QueueRefusal.clean(Headers.MESSAGE_ID, messageId), QueueRefusal.clean(Headers.TRACE_ID, traceId), body);
            return;
        }
        messageId = messageId != null ? messageId : TimeOrderedIds.next();
        if (published.isEmpty()) {
            refuseFromQueue(in, code, sender, new QueueRefusal("resource.not-published", null, "no published resource '" + code
                    + "': nothing moves through the hub unless it is a published catalog resource (art. 3)"), person, purpose, messageId,
                    traceId, body);
            return;
        }
        if (DocumentExchange.isDocument(in.contentType(), body)) {
            documents.receiveFromQueue(code, body, in.fileName(),
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
        Party from = new Party(sender, person, purpose, firstNonNull(traceId, messageId));
        if (aggregation.sentBefore(code, records.size(), from, messageId).isPresent()) {
            return;
        }
        try {
            Accepted accepted = aggregation.ingest(published.get(), records, from, messageId, Arrival.HERE);
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

    /**
     * A message this node failed to pass in each of its deliveries so far ({@link QueueIngest}
     * hands it over on the broker's last one instead of trying it again): one FAILED usage-log
     * entry, and a letter in the one format saying how often it failed and the failure's kind.
     * The failure was the node's, not the sender's, so the letter may be replayed once the node
     * is mended.
     */
    public void failedInEveryDelivery(Received in, int failedDeliveries, String lastFailure) {
        String code = in.code();
        String sender = in.sender();
        String person = QueueRefusal.clean(Headers.PERSON, in.person());
        String purpose = QueueRefusal.clean(Headers.PURPOSE, in.purpose());
        String traceId = QueueRefusal.clean(Headers.TRACE_ID, in.traceId());
        String messageId = QueueRefusal.clean(Headers.MESSAGE_ID, in.messageId());
        String reason = "the node failed to pass it in each of its " + failedDeliveries + " deliveries"
                + (lastFailure == null ? "" : " (last: " + lastFailure + ")") + "; the rest of its batch went on. The failure is"
                + " the node's: once mended, replay the letter (POST /api/v1/dead-letters/{id}/replay)";
        usageLog.append(new UsageEntry(null, 0, null, person, sender, purpose, null, code, Destination.AGGREGATION.name(), null, 0, 0,
                UsageDecision.FAILED, FAILED_EVERY_DELIVERY, null, null, traceId != null ? traceId : messageId, messageId, reason, null, null));
        deadLetters.refuse(in.body(), envelopeOf(in, person, purpose, traceId), Refusal.because(FAILED_EVERY_DELIVERY, reason)
                .from(Addresses.inbound(code)).sentBy(sender).about(code, messageId).ofTheNode());
        LOG.warnf("Queue message %s of %s failed in each of its %d deliveries (%s): dead-lettered", messageId, code, failedDeliveries,
                lastFailure);
    }

    /** The rule of a message the node failed to pass in every delivery. */
    static final String FAILED_EVERY_DELIVERY = "ingest.failed-every-delivery";

    /**
     * A message of an inbound queue as the gate reads it: its properties and body taken from the
     * broker's message once, and the published resource it names looked up once, for everything
     * that follows (no Camel exchange: nothing on this path needs one).
     */
    public record Received(String code, Optional<ResourceSpec> published, String sender, String messageId, String person, String purpose,
                           String traceId, String contentType, String fileName, Object deliveryCount, byte[] body) {

        /** The key its sender's first passage of it is remembered by. */
        String seenKey() {
            return IngestIdempotency.key(code, sender, messageId);
        }
    }

    private static final String DELIVERY_COUNT = "JMSXDeliveryCount";

    /** The properties of an inbound message that {@link #read} takes; the others are not read. */
    public static final List<String> PROPERTIES = List.of(BrokerSecurity.SENDER_HEADER, Headers.MESSAGE_ID, Headers.PERSON, Headers.PURPOSE,
            Headers.TRACE_ID, DocumentExchange.CONTENT_TYPE, DocumentExchange.FILE_NAME, DELIVERY_COUNT);

    /**
     * Reads a message of {@code pdx.in.{code}}: its {@link #PROPERTIES} by name, its body, and the
     * broker's id for it, taken as the message id when the sender gave none.
     * The sender is the organisation the broker authenticated, never a header the client set;
     * the gate then checks that it is the provider. The node's own users stand for the provider.
     */
    public Received read(String code, Map<String, Object> properties, byte[] body, String brokerId) {
        Optional<ResourceSpec> published = catalog.publishedSpec(code);
        String brokerUser = brokerSecurity.senderOrganisation(text(properties, BrokerSecurity.SENDER_HEADER));
        String sender = brokerUser != null ? brokerUser : published.map(ResourceSpec::providerUscc).orElse(null);
        return new Received(code, published, sender, messageId(text(properties, Headers.MESSAGE_ID), brokerId),
                text(properties, Headers.PERSON), text(properties, Headers.PURPOSE), text(properties, Headers.TRACE_ID),
                text(properties, DocumentExchange.CONTENT_TYPE), text(properties, DocumentExchange.FILE_NAME), properties.get(DELIVERY_COUNT), body);
    }

    /** A queue message's id: its sender's, or when that is absent or blank (none, as on REST) the broker's. */
    static String messageId(String given, String brokerId) {
        return given != null && !given.isBlank() ? given : asMessageId(brokerId);
    }

    /**
     * The broker's id of a message its sender did not name with {@code PdxMessageId}
     * ({@link org.pdxhub.hub.messaging.BrokerMessageIds}, the same on each delivery). A core
     * sender's ({@code ID:} and a UUID) and the broker's own follow the message-id rule. An AMQP
     * sender's id may not ({@code ID:AMQP_NO_PREFIX:} and any text): it is then taken by its
     * digest, also the same on each delivery, so that the message still passes once, and a parent
     * node takes the id the child passes on.
     */
    static String asMessageId(String brokerId) {
        if (brokerId == null || Headers.problem(Headers.MESSAGE_ID, brokerId).isEmpty()) {
            return brokerId;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(brokerId.getBytes(StandardCharsets.UTF_8));
            return "ID:sha256:" + HexFormat.of().formatHex(digest, 0, 20);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /** A property as text, whatever type the sender gave it (as Camel's header conversion did). */
    private static String text(Map<String, Object> properties, String name) {
        Object value = properties.get(name);
        return value == null ? null : value.toString();
    }

    /**
     * Why a queue message is refused before the gate: the rule, the property or part at fault, and
     * what to change. The limits and the characters are the envelope's ({@link Headers#LIMITS},
     * {@link Headers#problem}), the ones every other path holds these values to: a longer value is
     * refused, not cut.
     */
    private record QueueRefusal(String rule, String field, String reason) {

        static Optional<QueueRefusal> ofProperty(String name, String value) {
            if (value == null) {
                return Optional.empty();
            }
            int max = Headers.maxLength(name);
            if (value.length() > max) {
                return Optional.of(new QueueRefusal("message.property-too-long", name, name + " has " + value.length()
                        + " characters; at most " + max));
            }
            if (value.chars().anyMatch(TextFields::breaksALine)) {
                return Optional.of(new QueueRefusal("message.property-control-character", name, name
                        + " holds a control character or a line separator (CR, LF, tab, U+2028...); send plain text"));
            }
            return Headers.isMessageId(name)
                    ? Headers.problem(name, value).map(problem -> new QueueRefusal("message.id-invalid", name, problem))
                    : Optional.empty();
        }

        /** The value when it may be written, else null. */
        static String clean(String name, String value) {
            return ofProperty(name, value).isEmpty() ? value : null;
        }
    }

    /** A JSON array of JSON objects and nothing after it; {@code [null]}, {@code [1]} or trailing text are not records. */
    private List<Map<String, Object>> readRecords(byte[] body) throws IOException {
        if (body == null || body.length == 0) {
            throw new JsonMappingException(null, "empty body");
        }
        List<Map<String, Object>> records = recordsReader.readValue(body);
        if (records == null || records.stream().anyMatch(r -> r == null)) {
            throw new JsonMappingException(null, "null where a record was expected");
        }
        return records;
    }

    /**
     * A queue message refused before the gate: one REFUSED usage-log entry with the sender, and
     * the message as sent to the dead-letter address with its rule and reason, once.
     */
    private void refuseFromQueue(Received in, String code, String sender, QueueRefusal refusal, String person, String purpose,
                                 String messageId, String traceId, byte[] body) {
        String reason = refusal.field() == null ? refusal.reason() : refusal.field() + ": " + refusal.reason();
        usageLog.append(new UsageEntry(null, 0, null, person, sender, purpose, null, code, Destination.AGGREGATION.name(), null, 0, 0,
                UsageDecision.REFUSED, refusal.rule(), null, null, traceId != null ? traceId : messageId, messageId, reason, null, null));
        deadLetters.refuse(body, envelopeOf(in, person, purpose, traceId), Refusal.because(refusal.rule(), reason)
                .from(Addresses.inbound(code)).sentBy(sender).about(code, messageId));
    }

    /** The values of a refused message that may be written (the caller has left out any at fault), and its delivery count. */
    private static Map<String, Object> envelopeOf(Received in, String person, String purpose, String traceId) {
        Map<String, Object> envelope = new HashMap<>();
        envelope.put(Headers.PERSON, person);
        envelope.put(Headers.PURPOSE, purpose);
        envelope.put(Headers.TRACE_ID, traceId);
        envelope.put(DELIVERY_COUNT, in.deliveryCount());
        envelope.values().removeIf(v -> v == null);
        return envelope;
    }

    private static String firstNonNull(String a, String b) {
        return a != null ? a : b != null ? b : TimeOrderedIds.next();
    }
}
