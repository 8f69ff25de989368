package org.pdxhub.hub.route;

import org.apache.camel.Consumer;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.support.DefaultConsumer;
import org.pdxhub.hub.envelope.Headers;
import org.pdxhub.hub.messaging.Addresses;
import org.pdxhub.hub.messaging.BrokerSecurity;
import org.pdxhub.plugin.FieldSpec;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * {@code from: pdx:return/{uscc}} and {@code from: pdx:notify}: what the node has delivered to
 * its queue ({@code pdx.return.{uscc}}, {@code pdx.notify}), read with the node's own component
 * in a transaction. The route gets the records (JSON, CSV or a list of maps) and the {@code Pdx*}
 * headers; if the route fails (the department's database or SFTP server is down) the read is
 * rolled back and the broker delivers again, then to {@code pdx.dlq} after its attempts.
 */
class NodeQueueConsumer extends DefaultConsumer {

    private Consumer queue;

    NodeQueueConsumer(PdxEndpoint endpoint, Processor processor) {
        super(endpoint, processor);
    }

    @Override
    public PdxEndpoint getEndpoint() {
        return (PdxEndpoint) super.getEndpoint();
    }

    private String address() {
        PdxEndpoint endpoint = getEndpoint();
        return endpoint.getKind() == PdxKind.RETURN ? Addresses.returnTo(endpoint.getTarget()) : Addresses.NOTIFY;
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        Endpoint source = getEndpoint().getCamelContext().getEndpoint(Addresses.NODE_JMS + ":queue:" + address() + "?transacted=true");
        queue = source.createConsumer(this::deliver);
        queue.start();
    }

    @Override
    protected void doStop() throws Exception {
        if (queue != null) {
            queue.stop();
            queue = null;
        }
        super.doStop();
    }

    private void deliver(Exchange delivered) throws Exception {
        Exchange exchange = createExchange(false);
        try {
            Message in = delivered.getMessage();
            Message out = exchange.getMessage();
            for (Map.Entry<String, Object> h : in.getHeaders().entrySet()) {
                // The broker's and JMS's own properties stay on the node's side.
                if (h.getKey().startsWith("Pdx") && !h.getKey().equals(BrokerSecurity.SENDER_HEADER)) {
                    out.setHeader(h.getKey(), h.getValue());
                }
            }
            byte[] body = in.getBody(byte[].class);
            out.setBody(getEndpoint().getKind() == PdxKind.RETURN
                    ? getEndpoint().getComponent().bodies.write(body, getEndpoint().getFormat(), columns(in.getHeader(Headers.RESOURCE, String.class)))
                    : new String(body, StandardCharsets.UTF_8));
            getProcessor().process(exchange);
            if (exchange.getException() != null) {
                throw exchange.getException();
            }
        } finally {
            releaseExchange(exchange, false);
        }
    }

    /** The resource's items in catalog order; none when the resource is not (or no longer) published here. */
    private List<String> columns(String resource) {
        return resource == null ? List.of() : getEndpoint().getComponent().catalog.publishedSpec(resource)
                .map(spec -> spec.fields().stream().map(FieldSpec::name).toList()).orElse(List.of());
    }
}
