package org.pdxhub.hub.verification;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.jms.Destination;
import jakarta.jms.JMSException;
import jakarta.jms.Queue;
import jakarta.jms.Topic;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.jboss.logging.Logger;
import org.pdxhub.hub.api.ProblemException;
import org.pdxhub.hub.deadletter.DeadLetters;
import org.pdxhub.hub.deadletter.Refusal;
import org.pdxhub.hub.envelope.Headers;
import org.pdxhub.hub.messaging.AddressRules;
import org.pdxhub.hub.messaging.Addresses;
import org.pdxhub.hub.messaging.SendingSessions;
import org.pdxhub.hub.messaging.BrokerSecurity;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * Verification over the broker: a call sent to {@code pdx.verify.{code}} (the body as for
 * {@code POST /api/v1/verify/{code}}, {@code PdxPerson} and {@code PdxPurpose} as properties) is
 * answered on the caller's JMSReplyTo, which must be one of its own {@code pdx.reply.{uscc}[.*]}
 * addresses, with the correlation id of the call. A refusal is answered there too, as a problem
 * detail with {@code PdxStatus}; a call with no reply address of the sender's own goes to
 * {@code pdx.dlq} with its reason. A failure of the node rolls back, and the broker redelivers.
 */
@ApplicationScoped
public class VerificationQueue {

    private static final Logger LOG = Logger.getLogger(VerificationQueue.class);
    /** The HTTP status the answer stands for: 200, or the problem's. */
    public static final String STATUS = "PdxStatus";

    @Inject
    Verifier verifier;

    @Inject
    BrokerSecurity brokerSecurity;

    @Inject
    ObjectMapper json;

    @Inject
    SendingSessions sends;

    @Inject
    DeadLetters deadLetters;

    public static String address(String code) {
        return Addresses.verify(code);
    }

    /** Answers one call on the caller's reply address, or sends it to the dead letters when it names none of its own. */
    public void answer(Exchange exchange, String code) throws IOException {
        Message in = exchange.getMessage();
        String sender = brokerSecurity.senderOrganisation(in.getHeader(BrokerSecurity.SENDER_HEADER, String.class));
        String replyTo = name(in.getHeader("JMSReplyTo"));
        String correlation = in.getHeader("JMSCorrelationID", String.class);
        if (correlation == null) {
            correlation = in.getHeader("JMSMessageID", String.class);
        }
        String person = in.getHeader(Headers.PERSON, String.class);
        String purpose = in.getHeader(Headers.PURPOSE, String.class);
        String traceId = in.getHeader(Headers.TRACE_ID, String.class);
        byte[] body = in.getBody(byte[].class);
        Map<String, Object> headers = new HashMap<>();
        headers.put(Headers.RESOURCE, code);
        if (sender == null || !AddressRules.isReplyAddressOf(replyTo, sender)) {
            // The answer goes only where the caller reads: its own reply address, never one it names for another.
            deadLetters.refuse(exchange, Refusal.because("verify.reply-address", "a verification call names its JMSReplyTo, one of"
                    + " the sender's own pdx.reply." + (sender == null ? "{uscc}" : sender) + " addresses; it named "
                    + (replyTo == null ? "none" : replyTo)).from(address(code)).sentBy(sender).about(code, in.getHeader(Headers.MESSAGE_ID, String.class)));
            return;
        }
        Object answer;
        int status;
        try {
            VerifyResource.VerifyBody call = json.readValue(body == null ? new byte[0] : body, VerifyResource.VerifyBody.class);
            answer = verifier.verify(code, new Verifier.Caller(sender, person, purpose, traceId, null), call == null ? null : call.records());
            status = 200;
        } catch (ProblemException refused) {
            answer = refused.toProblem();
            status = refused.status();
        } catch (IOException malformed) {
            answer = ProblemException.badRequest("message.malformed", "records", "the body is not {\"records\": [...]} ("
                    + malformed.getClass().getSimpleName() + ")").toProblem();
            status = 400;
        }
        headers.put(STATUS, status);
        if (correlation != null) {
            headers.put("JMSCorrelationID", correlation);
        }
        sends.send(replyTo, json.writeValueAsString(answer), headers);
    }

    private static String name(Object replyTo) {
        try {
            if (replyTo instanceof Queue q) {
                return q.getQueueName();
            }
            if (replyTo instanceof Topic t) {
                return t.getTopicName();
            }
            return replyTo instanceof Destination || replyTo == null ? null : replyTo.toString();
        } catch (JMSException e) {
            return null;
        }
    }

}
