package org.pdxhub.hub.deadletter;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.jms.BytesMessage;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.Queue;
import jakarta.jms.QueueBrowser;
import jakarta.jms.TextMessage;
import org.apache.camel.Exchange;
import org.jboss.logging.Logger;
import org.pdxhub.hub.api.ProblemException;
import org.pdxhub.hub.envelope.Headers;
import org.pdxhub.hub.messaging.Addresses;
import org.pdxhub.hub.messaging.SendingSessions;
import org.pdxhub.hub.messaging.BrokerSecurity;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The node's one dead-letter address {@code pdx.dlq}: the one way to put a message there
 * ({@link #refuse}), browsed (never consumed) for the list, and a letter sent back to where it
 * came from on request. Every letter the node writes has one format: the original body as it
 * came, the original's {@code Pdx*} headers, and
 * <ul>
 *   <li>{@code PdxRule} and {@code PdxProblemType} ({@code urn:pdx:problem:<rule>}): why;</li>
 *   <li>{@code PdxReason}: in words, naming the field and what to change;</li>
 *   <li>{@code PdxDeadLetterFrom}: the address it came from ({@code gate} for records the gate refused);</li>
 *   <li>{@code PdxMessageId}, {@code PdxResource}, {@code PdxDeadLetterOrg} (whose message it is);</li>
 *   <li>{@code PdxDeadLetterAt} (ISO-8601) and {@code PdxDeadLetterAttempts} (deliveries when refused);</li>
 *   <li>{@code PdxDeadLetterReplayable}: whether sending it back can succeed without its sender changing it;</li>
 *   <li>{@code PdxDeadLetterBody}: {@code original}, {@code masked-rejections} for records the
 *       gate refused, or {@code source-reference} for a connector's batch refused before the gate
 *       (where it is in its file, not its records): raw personal data does not rest on the broker.</li>
 * </ul>
 * The broker's own moves after a message's last failed delivery keep its headers and add
 * {@code _AMQ_ORIG_ADDRESS}; the list shows both alike. A message sent back to {@code pdx.in.*}
 * or {@code pdx.link.in} passes the gate again, as it did when it first came from outside.
 */
@ApplicationScoped
@Named("pdxDeadLetters")
public class DeadLetters {

    private static final Logger LOG = Logger.getLogger(DeadLetters.class);

    /** Where a letter the node wrote itself came from (the broker's own moves say {@code _AMQ_ORIG_ADDRESS}). */
    public static final String FROM = "PdxDeadLetterFrom";
    public static final String PROBLEM_TYPE = "PdxProblemType";
    public static final String ORGANISATION = "PdxDeadLetterOrg";
    public static final String AT = "PdxDeadLetterAt";
    public static final String ATTEMPTS = "PdxDeadLetterAttempts";
    public static final String REPLAYABLE = "PdxDeadLetterReplayable";
    public static final String BODY = "PdxDeadLetterBody";
    public static final String ORIGINAL = "original";
    public static final String MASKED_REJECTIONS = "masked-rejections";
    public static final String SOURCE_REFERENCE = "source-reference";
    /** The letter's own headers: never taken from the envelope of the message it refuses. */
    private static final Set<String> OWN = Set.of(Headers.RULE, Headers.REASON, FROM, PROBLEM_TYPE, ORGANISATION, AT, ATTEMPTS,
            REPLAYABLE, BODY);
    /** Taken from the refusal only: its caller leaves out a value that was itself at fault. */
    private static final Set<String> STATED = Set.of(Headers.RESOURCE, Headers.MESSAGE_ID);
    private static final String DELIVERY_COUNT = "JMSXDeliveryCount";
    private static final int MAX_OTHER_HEADER = 65_536;
    static final String BROKER_ORIGIN = "_AMQ_ORIG_ADDRESS";
    private static final Pattern ID = Pattern.compile("[0-9A-Za-z-]{1,64}");
    private static final int MAX_REASON = 300;
    private static final Pattern QUEUE_URI = Pattern.compile("^[a-z]+:(//)?(queue:|topic:)(.+)$");

    @Inject
    ConnectionFactory connections;

    @Inject
    SendingSessions sends;

    @Inject
    Clock clock;

    @Inject
    ObjectMapper json;

    private Optional<DeadLetter> peek(String selector) {
        try (JMSContext jms = connections.createContext(JMSContext.AUTO_ACKNOWLEDGE);
             QueueBrowser browser = jms.createBrowser(jms.createQueue(Addresses.DEAD_LETTER), selector)) {
            var letters = browser.getEnumeration();
            return letters.hasMoreElements() ? Optional.of(describe((Message) letters.nextElement())) : Optional.empty();
        } catch (JMSException e) {
            throw new IllegalStateException("the dead-letter address could not be browsed", e);
        }
    }

    /** The letters in the order they arrived, from {@code offset}, at most {@code limit}. */
    public List<DeadLetter> list(int offset, int limit) {
        List<DeadLetter> out = new ArrayList<>();
        try (JMSContext jms = connections.createContext(JMSContext.AUTO_ACKNOWLEDGE);
             QueueBrowser browser = jms.createBrowser(jms.createQueue(Addresses.DEAD_LETTER))) {
            int index = 0;
            for (Object m : Collections.list(browser.getEnumeration())) {
                if (index++ < offset) {
                    continue;
                }
                if (out.size() == limit) {
                    break;
                }
                out.add(describe((Message) m));
            }
        } catch (JMSException e) {
            throw new IllegalStateException("the dead-letter address could not be browsed", e);
        }
        return out;
    }

    /**
     * Takes the letter off {@code pdx.dlq} and sends it to its origin in one local transaction of
     * the broker, so it is in one place or the other. The replay carries a duplicate id of its own
     * ({@code replay:<id>}): the original's id would be dropped by the broker as seen before, and a
     * replay asked twice is taken once.
     */
    public DeadLetter replay(String id) {
        if (id == null || !ID.matcher(id).matches()) {
            throw ProblemException.badRequest("invalid-path", "id", "a dead letter's id is what GET /api/v1/dead-letters lists"
                    + " (letters, digits and '-')");
        }
        String selector = "JMSMessageID = 'ID:" + id + "'";
        // Looked at before it is taken: a letter that may not be replayed is never consumed, so it
        // cannot be hidden by a rollback's redelivery delay or counted towards expiry.
        DeadLetter seen = peek(selector).orElseThrow(() -> ProblemException.notFound("dead letter", id));
        if (!seen.replayable()) {
            throw ProblemException.conflict("dead-letter.not-replayable", "id", "letter " + id + " is a refusal ("
                    + seen.rule() + "), not a failure of this node: its sender corrects the message and sends it again");
        }
        try (JMSContext jms = connections.createContext(JMSContext.SESSION_TRANSACTED);
             JMSConsumer consumer = jms.createConsumer(jms.createQueue(Addresses.DEAD_LETTER), selector)) {
            Message letter = consumer.receive(2_000);
            if (letter == null) {
                throw ProblemException.notFound("dead letter", id);
            }
            DeadLetter described = describe(letter);
            if (!described.replayable()) {
                jms.rollback();
                throw ProblemException.conflict("dead-letter.not-replayable", "id", "letter " + id + " is a refusal ("
                        + described.rule() + "), not a failure of this node: its sender corrects the message and sends it again");
            }
            Message copy = copyOf(jms, letter);
            copy.setStringProperty(Headers.DUPLICATE_ID, "replay:" + id);
            jms.createProducer().send(jms.createQueue(described.origin()), copy);
            jms.commit();
            LOG.infof("Dead letter %s (%s) sent back to %s", id, described.rule(), described.origin());
            return described;
        } catch (JMSException e) {
            throw new IllegalStateException("the dead letter could not be sent back", e);
        }
    }

    /**
     * Puts a refused message on {@code pdx.dlq}: its body as it came, its envelope's {@code Pdx*}
     * headers, and the letter's own headers (see the class). Sent through the node's Camel
     * component, so that a consumer's transacted session carries it: the letter and the
     * message's consumption commit or roll back together, and nothing is lost or doubled.
     *
     * @param envelope the original message's headers; a value that breaks the envelope's limits
     *                 (too long, a control character) is left out, as it may be what was refused
     */
    public void refuse(byte[] original, Map<String, Object> envelope, Refusal refusal) {
        write(original, ORIGINAL, envelope, refusal);
    }

    /** Refuses the message in hand, taking its body, headers and delivery count. */
    public void refuse(Exchange exchange, Refusal refusal) {
        var in = exchange.getMessage();
        refuse(in.getBody(byte[].class), in.getHeaders(), refusal);
    }

    /**
     * Records the gate refused: the letter's body is the masked summary of the rejected records,
     * not the records, whose raw personal data must not rest on the broker (their sender has them).
     */
    public void refuseRecords(byte[] maskedSummary, Map<String, Object> envelope, Refusal refusal) {
        write(maskedSummary, MASKED_REJECTIONS, envelope, refusal.from(Refusal.GATE));
    }

    /**
     * A connector's batch refused whole before the gate: the letter says where the batch is in its
     * source (connector, file, records) and why, and holds none of its records, which are raw and
     * were never masked; the source still has them.
     */
    public void refuseBatch(Map<String, Object> whereInItsSource, Refusal refusal) {
        byte[] reference;
        try {
            reference = json.writeValueAsBytes(whereInItsSource);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        write(reference, SOURCE_REFERENCE, Map.of(), refusal);
    }

    /**
     * The one error handler's letter writer ({@link DeadLetterChannel}): a route that threw
     * {@link Refused} or could not process its message at all; the original message as the
     * route received it.
     */
    public void fromRoute(Exchange exchange) {
        String from = exchange.getFromEndpoint() == null ? null : address(exchange.getFromEndpoint().getEndpointUri());
        writeFromRoute(exchange, exchange.getProperty(DeadLetterChannel.FINAL_RULE, "route.unprocessable", String.class), from, false);
    }

    /**
     * The letter writer of the routes files' channel ({@link DeadLetterChannel#ROUTE_FILES}): the
     * message as the route received it, from {@code route:<id>}. A {@code pdx:} step's refusal
     * (a problem of the caller's, 4xx) keeps its rule; any other failure of a step is
     * {@value DeadLetterChannel#ROUTE_STEP_FAILED} with its kind. Neither can be sent back to a
     * route, so the list shows them as not replayable.
     */
    public void fromRouteFile(Exchange exchange) {
        Throwable failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        if (failure != null && DeadLetterChannel.aCallerWaits(exchange)) {
            // A caller in the node waits on a direct route: it is told of the failure itself, and nothing is lost.
            exchange.setException(failure);
            return;
        }
        writeFromRoute(exchange, DeadLetterChannel.ROUTE_STEP_FAILED, "route:" + exchange.getFromRouteId(), true);
    }

    private void writeFromRoute(Exchange exchange, String finalRule, String from, boolean routeFile) {
        Throwable failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        if (failure instanceof Refused refused && refused.alreadyWritten()) {
            return;
        }
        var in = exchange.getMessage();
        Refusal refusal = failure instanceof Refused refused ? refused.refusal()
                : routeFile && failure instanceof ProblemException problem && problem.status() < 500
                        ? Refusal.because(problem.rule(), problem.getMessage())
                : Refusal.because(finalRule, reason(failure)).ofTheNode();
        if (refusal.source() == null) {
            refusal = refusal.from(from);
        }
        if (refusal.organisation() == null) {
            refusal = refusal.sentBy(in.getHeader(Headers.PROVIDER, String.class));
        }
        if (refusal.resource() == null || refusal.messageId() == null) {
            refusal = refusal.about(refusal.resource() != null ? refusal.resource() : in.getHeader(Headers.RESOURCE, String.class),
                    refusal.messageId() != null ? refusal.messageId() : in.getHeader(Headers.MESSAGE_ID, String.class));
        }
        refuse(in.getBody(byte[].class), in.getHeaders(), refusal);
    }

    private void write(byte[] body, String bodyKind, Map<String, Object> envelope, Refusal refusal) {
        Map<String, Object> headers = new HashMap<>();
        envelope.forEach((k, v) -> {
            // The broker's stamp of the sender stays with the message it stamped; the letter names the organisation itself.
            if (k.startsWith("Pdx") && !OWN.contains(k) && !STATED.contains(k) && !k.equals(BrokerSecurity.SENDER_HEADER) && v != null
                    && fits(k, v)) {
                headers.put(k, v);
            }
        });
        put(headers, Headers.RULE, refusal.rule());
        put(headers, PROBLEM_TYPE, refusal.problemType());
        put(headers, Headers.REASON, cut(refusal.reason()));
        put(headers, FROM, refusal.source());
        put(headers, ORGANISATION, refusal.organisation());
        put(headers, Headers.RESOURCE, refusal.resource());
        put(headers, Headers.MESSAGE_ID, refusal.messageId());
        headers.put(AT, clock.instant().toString());
        headers.put(ATTEMPTS, attempts(envelope.get(DELIVERY_COUNT)));
        headers.put(REPLAYABLE, refusal.replayable());
        headers.put(BODY, bodyKind);
        sends.send(Addresses.DEAD_LETTER, body == null ? new byte[0] : body, headers);
        LOG.infof("Message %s of %s from %s (%s) went to %s: %s %s", refusal.messageId(), refusal.resource(), refusal.organisation(),
                refusal.source(), Addresses.DEAD_LETTER, refusal.rule(), headers.get(Headers.REASON));
    }

    private static void put(Map<String, Object> headers, String name, String value) {
        if (value != null && fits(name, value)) {
            headers.put(name, value);
        }
    }

    /**
     * The envelope's limits for the headers that have them (person, purpose, ids); any other
     * (hops, masking) may be long but holds no control character.
     */
    private static boolean fits(String name, Object value) {
        if (!(value instanceof String text)) {
            return true;
        }
        if (Headers.LIMITS.stream().anyMatch(l -> l.queue().equals(name))) {
            return Headers.problem(name, text).isEmpty();
        }
        return text.length() <= MAX_OTHER_HEADER && text.chars().noneMatch(Character::isISOControl);
    }

    /** How often the message was delivered when it was refused: the broker's count, or once for a message never queued. */
    private static int attempts(Object deliveryCount) {
        if (deliveryCount instanceof Number n) {
            return Math.max(1, n.intValue());
        }
        try {
            return deliveryCount == null ? 1 : Math.max(1, Integer.parseInt(deliveryCount.toString()));
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    /** {@code pdxnode://queue:pdx.in.X?transacted=true} is {@code pdx.in.X}; any other endpoint keeps its scheme. */
    static String address(String endpointUri) {
        String uri = endpointUri.replaceFirst("\\?.*$", "");
        var queue = QUEUE_URI.matcher(uri);
        return queue.matches() ? queue.group(3) : uri;
    }

    /**
     * The failure's kind and a short message, digits runs masked: a parser or a constraint may
     * quote the value it choked on.
     */
    public static String reason(Throwable failure) {
        if (failure == null) {
            return "the message could not be processed";
        }
        String message = String.valueOf(failure.getMessage()).replaceAll("\\d{6,}", "******").replaceAll("[\\r\\n]+", " ");
        return cut("the message could not be processed: " + failure.getClass().getSimpleName() + ": " + message);
    }

    private static String cut(String reason) {
        return reason == null || reason.length() <= MAX_REASON ? reason : reason.substring(0, MAX_REASON) + "…";
    }

    private static DeadLetter describe(Message m) throws JMSException {
        String brokerOrigin = m.getStringProperty(BROKER_ORIGIN);
        String origin = brokerOrigin != null ? brokerOrigin : m.getStringProperty(FROM);
        String rule = m.getStringProperty(Headers.RULE);
        String reason = m.getStringProperty(Headers.REASON);
        Integer attempts = m.propertyExists(ATTEMPTS) ? m.getIntProperty(ATTEMPTS) : null;
        boolean replayable;
        if (brokerOrigin != null) {
            attempts = m.propertyExists(DELIVERY_COUNT) ? m.getIntProperty(DELIVERY_COUNT) - 1 : attempts;
            replayable = true;
            if (rule == null) {
                rule = "delivery.attempts-exhausted";
                reason = "the broker gave up on it after its delivery attempts to " + brokerOrigin + " failed";
            }
        } else {
            // A letter written before the format said so: one with an origin could be sent back.
            replayable = m.propertyExists(REPLAYABLE) ? m.getBooleanProperty(REPLAYABLE) : origin != null;
        }
        String jmsId = m.getJMSMessageID();
        String id = jmsId == null ? null : jmsId.startsWith("ID:") ? jmsId.substring(3) : jmsId;
        String at = m.getStringProperty(AT);
        Instant when = at != null ? Instant.parse(at) : m.getJMSTimestamp() == 0 ? null : Instant.ofEpochMilli(m.getJMSTimestamp());
        return new DeadLetter(id, when, rule, rule == null ? null : "urn:pdx:problem:" + rule, reason, m.getStringProperty(Headers.RESOURCE),
                m.getStringProperty(Headers.MESSAGE_ID), m.getStringProperty(ORGANISATION), origin, attempts,
                m.getStringProperty(BODY), replayable && origin != null && id != null && replayableOrigin(origin));
    }

    /** Only addresses the node itself consumes: the dead-letter address is no origin to go back to. */
    private static boolean replayableOrigin(String origin) {
        return !origin.equals(Addresses.DEAD_LETTER) && !origin.equals(Addresses.EXPIRED) && origin.startsWith("pdx.");
    }

    private static Message copyOf(JMSContext jms, Message letter) throws JMSException {
        Message copy;
        if (letter instanceof BytesMessage bytes) {
            byte[] body = new byte[(int) bytes.getBodyLength()];
            bytes.readBytes(body);
            BytesMessage b = jms.createBytesMessage();
            b.writeBytes(body);
            copy = b;
        } else if (letter instanceof TextMessage text) {
            copy = jms.createTextMessage(text.getText());
        } else {
            copy = jms.createMessage();
        }
        for (Object name : Collections.list(letter.getPropertyNames())) {
            String key = (String) name;
            if (key.startsWith("_AMQ") || key.startsWith("JMSX") || key.equals(Headers.RULE) || OWN.contains(key)) {
                continue;
            }
            copy.setObjectProperty(key, letter.getObjectProperty(key));
        }
        return copy;
    }
}
