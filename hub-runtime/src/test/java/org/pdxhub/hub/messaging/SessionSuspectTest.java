package org.pdxhub.hub.messaging;

import jakarta.jms.JMSException;
import org.apache.activemq.artemis.api.core.ActiveMQException;
import org.apache.camel.CamelExecutionException;
import org.junit.jupiter.api.Test;
import org.pdxhub.hub.api.ProblemException;
import org.springframework.jms.UncategorizedJmsException;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which failures of a passage give its pooled session up, and which hand it back for the next. */
class SessionSuspectTest {

    @Test
    void aRefusalOrACallersMistakeSaysNothingOfTheSession() {
        assertFalse(SendingSessions.sessionSuspect(ProblemException.badRequest("record.invalid", "citizen_id", "wrong check character")));
        assertFalse(SendingSessions.sessionSuspect(new IllegalArgumentException("a refusal of the gate's own kind")));
        assertFalse(SendingSessions.sessionSuspect(new ProblemException(409, "message.duplicate", "Duplicate", "sent before", null)));
    }

    @Test
    void theBrokersOwnFailuresAndFailedSendsGiveTheSessionUp() {
        assertTrue(SendingSessions.sessionSuspect(new ProblemException(503, "delivery.broker", "Not queued", "send it again", null)));
        assertTrue(SendingSessions.sessionSuspect(new CamelExecutionException("send failed", null,
                new UncategorizedJmsException(new JMSException("session closed")))));
        assertTrue(SendingSessions.sessionSuspect(new IllegalStateException(new ActiveMQException("connection failed"))));
    }
}
