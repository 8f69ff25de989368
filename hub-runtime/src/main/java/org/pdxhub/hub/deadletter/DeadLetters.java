package org.pdxhub.hub.deadletter;

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
import org.apache.camel.ProducerTemplate;
import org.jboss.logging.Logger;
import org.pdxhub.hub.api.ProblemException;
import org.pdxhub.hub.envelope.Headers;
import org.pdxhub.hub.messaging.Addresses;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The dead-letter address {@code pdx.dlq}, browsed (never consumed) for the list, and a letter
 * sent back to where it came from on request. Two kinds of letters are there: messages the
 * broker moved after their last failed delivery ({@code _AMQ_ORIG_ADDRESS}), and messages the
 * node put there itself with {@code PdxRule}, {@code PdxReason} and, when they can be tried
 * again, {@code PdxDeadLetterFrom}. A message sent back to {@code pdx.in.*} or
 * {@code pdx.link.in} passes the gate again, as it did when it first came from outside.
 */
@ApplicationScoped
@Named("pdxDeadLetters")
public class DeadLetters {

    private static final Logger LOG = Logger.getLogger(DeadLetters.class);

    /** Where a letter the node wrote itself came from (the broker's own moves say {@code _AMQ_ORIG_ADDRESS}). */
    public static final String FROM = "PdxDeadLetterFrom";
    static final String BROKER_ORIGIN = "_AMQ_ORIG_ADDRESS";
    private static final Pattern ID = Pattern.compile("[0-9A-Za-z-]{1,64}");
    private static final int MAX_REASON = 300;

    @Inject
    ConnectionFactory connections;

    @Inject
    ProducerTemplate producer;

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
            throw ProblemException.conflict("dead-letter.not-replayable", "id", "letter " + id + " was refused by the gate ("
                    + seen.rule() + "): its records are masked in the letter; the sender corrects them and sends again");
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
                throw ProblemException.conflict("dead-letter.not-replayable", "id", "letter " + id + " was refused by the gate ("
                        + described.rule() + "): its records are masked in the letter; the sender corrects them and sends again");
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
     * A message of {@code pdx.agg} that can never land (its body is not records, its resource is
     * unknown here): to {@code pdx.dlq} as it was, with the reason, so that once the cause is
     * fixed it can be sent back. Called from the landing route's error handler.
     */
    public void fromLanding(Exchange exchange) {
        Throwable failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        var in = exchange.getMessage();
        Map<String, Object> headers = new HashMap<>();
        in.getHeaders().forEach((k, v) -> {
            if (k.startsWith("Pdx") || k.equals(Headers.DUPLICATE_ID)) {
                headers.put(k, v);
            }
        });
        headers.remove(Headers.DUPLICATE_ID);
        headers.put(Headers.RULE, "land.unlandable");
        headers.put(Headers.REASON, reason(failure));
        headers.put(FROM, Addresses.AGGREGATION);
        producer.sendBodyAndHeaders(Addresses.NODE_JMS + ":queue:" + Addresses.DEAD_LETTER, in.getBody(byte[].class), headers);
        LOG.warnf("Message %s of %s cannot be landed and went to %s: %s", in.getHeader(Headers.MESSAGE_ID),
                in.getHeader(Headers.RESOURCE), Addresses.DEAD_LETTER, headers.get(Headers.REASON));
    }

    /**
     * The failure's kind and a short message, digits runs masked: a parser or a constraint may
     * quote the value it choked on.
     */
    static String reason(Throwable failure) {
        if (failure == null) {
            return "the message could not be landed";
        }
        String message = String.valueOf(failure.getMessage()).replaceAll("\\d{6,}", "******").replaceAll("[\\r\\n]+", " ");
        String reason = "the message could not be landed: " + failure.getClass().getSimpleName() + ": " + message;
        return reason.length() > MAX_REASON ? reason.substring(0, MAX_REASON) + "…" : reason;
    }

    private static DeadLetter describe(Message m) throws JMSException {
        String brokerOrigin = m.getStringProperty(BROKER_ORIGIN);
        String origin = brokerOrigin != null ? brokerOrigin : m.getStringProperty(FROM);
        String rule = m.getStringProperty(Headers.RULE);
        String reason = m.getStringProperty(Headers.REASON);
        Integer deliveries = null;
        if (brokerOrigin != null) {
            deliveries = m.propertyExists("JMSXDeliveryCount") ? m.getIntProperty("JMSXDeliveryCount") - 1 : null;
            if (rule == null) {
                rule = "delivery.attempts-exhausted";
                reason = "the broker gave up on it after its delivery attempts to " + brokerOrigin + " failed";
            }
        }
        String jmsId = m.getJMSMessageID();
        String id = jmsId == null ? null : jmsId.startsWith("ID:") ? jmsId.substring(3) : jmsId;
        return new DeadLetter(id, m.getJMSTimestamp() == 0 ? null : Instant.ofEpochMilli(m.getJMSTimestamp()), rule, reason,
                m.getStringProperty(Headers.RESOURCE), m.getStringProperty(Headers.MESSAGE_ID), origin, deliveries,
                origin != null && id != null && replayableOrigin(origin));
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
            if (key.startsWith("_AMQ") || key.startsWith("JMSX") || key.equals(Headers.RULE) || key.equals(Headers.REASON) || key.equals(FROM)) {
                continue;
            }
            copy.setObjectProperty(key, letter.getObjectProperty(key));
        }
        return copy;
    }
}
