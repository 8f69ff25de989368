package org.pdxhub.hub.messaging;

import jakarta.jms.BytesMessage;
import jakarta.jms.JMSException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The sends of one inbound queue's consumer ({@code exchange.QueueIngest}) on its own transacted session, or
 * of a passage that began outside a consumer on a session of {@link SendingSessions},
 * with one producer and each queue looked up once for as long as the session lives. Through the
 * node's Camel component each passage cost an endpoint look-up, a Camel exchange, a Spring
 * {@code JmsTemplate} producer made and closed, and a header mapping: four fifths of the send's
 * time in a profile, the broker's own send one fifth. The message is the one that component
 * writes: the body as a {@link BytesMessage}, persistent, each header a property.
 * <p>
 * Bound to the thread while it passes a batch ({@link #bind}); a passage that finds none (a link's
 * arrival in its route's transaction) sends through the component.
 */
public final class SessionSender {

    private static final ThreadLocal<SessionSender> BOUND = new ThreadLocal<>();

    private final Session session;
    private final Map<String, Queue> queues = new HashMap<>();
    private MessageProducer producer;

    public SessionSender(Session session) {
        this.session = session;
    }

    /** The sender bound to this thread, if a consumer is passing a batch on it. */
    public static Optional<SessionSender> bound() {
        return Optional.ofNullable(BOUND.get());
    }

    public void bind() {
        BOUND.set(this);
    }

    public static void unbind() {
        BOUND.remove();
    }

    /**
     * Sends on the session: on a transacted one the message is on {@code address} once the session
     * commits; on one that is not, once this returns.
     */
    public void send(String address, byte[] body, Map<String, Object> headers) throws JMSException {
        if (producer == null) {
            // No destination of its own: one producer for every address this session sends to.
            producer = session.createProducer(null);
        }
        BytesMessage message = session.createBytesMessage();
        message.writeBytes(body);
        for (Map.Entry<String, Object> header : headers.entrySet()) {
            Object value = header.getValue();
            if (value == null) {
                continue;
            }
            // The types a JMS property takes; anything else as its text, as Camel's binding does.
            message.setObjectProperty(header.getKey(), value instanceof String || value instanceof Number || value instanceof Boolean
                    ? value : value.toString());
        }
        Queue queue = queues.get(address);
        if (queue == null) {
            queue = session.createQueue(address);
            queues.put(address, queue);
        }
        producer.send(queue, message);
    }
}
