package org.pdxhub.hub.route;

import com.fasterxml.jackson.core.JsonProcessingException;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.support.DefaultProducer;
import org.pdxhub.hub.signing.Signature;

import java.util.List;
import java.util.Map;

/**
 * {@code to: pdx:sign/{peer}?path=…}: readies the message for the route's next step, an HTTP
 * push to a department's endpoint, signed with the node's signing scheme and the peer's key
 * ({@code pdx.signing.peers.{peer}}). The body becomes the exact bytes that are signed; the
 * node's own {@code Pdx*} headers and any {@code CamelHttp*} target override are taken off, so
 * the request carries the signature headers and {@code Pdx-Message-Id} only and goes where the
 * route names. Each call signs afresh: a route that retries the push retries this step with it
 * (the push in a {@code direct:} route of its own, redelivered by the caller's error handler).
 */
class SignProducer extends DefaultProducer {

    SignProducer(PdxEndpoint endpoint) {
        super(endpoint);
    }

    @Override
    public PdxEndpoint getEndpoint() {
        return (PdxEndpoint) super.getEndpoint();
    }

    @Override
    public void process(Exchange exchange) throws JsonProcessingException {
        PdxEndpoint endpoint = getEndpoint();
        Message in = exchange.getMessage();
        Object body = in.getBody();
        byte[] content = body instanceof List<?> || body instanceof Map<?, ?> ? endpoint.getComponent().json.writeValueAsBytes(body)
                : body == null ? new byte[0] : in.getBody(byte[].class);
        String messageId = in.getHeader(PdxHeaders.MESSAGE_ID, String.class);
        String contentType = in.getHeader(Exchange.CONTENT_TYPE, String.class);
        in.removeHeaders("Pdx*");
        in.removeHeaders("CamelHttp*");
        in.setBody(content);
        endpoint.getComponent().signed.signatureHeaders(endpoint.getTarget(), endpoint.getMethod(), endpoint.getPath(), content)
                .forEach(in::setHeader);
        if (messageId != null) {
            in.setHeader(Signature.MESSAGE_ID, messageId);
        }
        in.setHeader(Exchange.HTTP_METHOD, endpoint.getMethod());
        in.setHeader(Exchange.CONTENT_TYPE, contentType == null ? "application/json" : contentType);
    }
}
