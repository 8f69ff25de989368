package org.pdxhub.hub.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.QueueBrowser;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Map;

/** What the node told on {@code pdx.notify}, read without taking it off the queue. */
public final class NotifyQueue {

    private NotifyQueue() {
    }

    /** Whether {@code organisation} was told {@code kind} about {@code requestId}. */
    @SuppressWarnings("unchecked")
    public static boolean told(ConnectionFactory broker, ObjectMapper json, String kind, String requestId, String organisation)
            throws JMSException, IOException {
        try (JMSContext ctx = broker.createContext(); QueueBrowser browser = ctx.createBrowser(ctx.createQueue("pdx.notify"))) {
            for (Message m : Collections.list((Enumeration<Message>) browser.getEnumeration())) {
                Map<String, Object> n = json.readValue(new String(m.getBody(byte[].class), StandardCharsets.UTF_8), Map.class);
                if (kind.equals(n.get("kind")) && requestId.equals(n.get("requestId"))
                        && n.get("actor") instanceof Map<?, ?> a && organisation.equals(a.get("organisation"))) {
                    return true;
                }
            }
        }
        return false;
    }
}
