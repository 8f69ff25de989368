package org.pdxhub.hub.gate;

import jakarta.enterprise.context.ApplicationScoped;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.Route;
import org.apache.camel.model.EndpointRequiredDefinition;
import org.apache.camel.model.Model;
import org.apache.camel.model.ProcessorDefinition;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.spi.Resource;
import org.apache.camel.support.LifecycleStrategySupport;
import org.apache.camel.util.URISupport;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;

/**
 * No way around the gate: every route is inspected when Camel adds it, at start, from a
 * template or from a reloaded file. A route loaded from a file (the node's routes folder) is
 * held to {@link RouteFileCheck}'s allowlist. A route of the node's own code that reads a
 * department's inbound queue or writes to an address that carries catalog data onward must
 * hand the data to the exchange bean, which passes it through the gate and sends it itself;
 * any other route touching those addresses is refused, with its id, and is not added. Behind
 * both, the broker: only the node's own component ({@code pdxnode}) may write where gated data
 * goes, and the {@code jms} component open to routes files logs in with a provider's rights.
 */
@ApplicationScoped
public class GateEnforcement extends RouteBuilder {

    /** The bean that passes data through the gate and sends it on (ExchangeService). */
    static final String GATE_BEAN = "bean:pdxExchange";

    /** Inbound queues whose data has not yet passed this node's gate: from department systems, and from other nodes. */
    private static final Pattern INBOUND = Pattern.compile("^(jms|amqp|activemq|pdxnode):(queue:)?pdx\\.(in\\.|link\\.in).*");

    /** Addresses that carry gated catalog data onward; only the gate's own sender writes to them. */
    private static final Pattern ONWARD = Pattern.compile(
            "^(jms|amqp|activemq|pdxnode):(queue:|topic:)?pdx\\.(agg|out|return|reply|share|open|link\\.out|dlq)(\\..*|\\?.*|$)");

    /**
     * Registers the check; route builders are configured before any route starts, and the check
     * then sees every route added afterwards too (templates, reloaded files).
     */
    @Override
    public void configure() {
        getContext().addLifecycleStrategy(new LifecycleStrategySupport() {
            @Override
            public void onRoutesAdd(Collection<Route> routes) {
                for (Route route : routes) {
                    Model model = route.getCamelContext().getCamelContextExtension().getContextPlugin(Model.class);
                    RouteDefinition definition = model == null ? null : model.getRouteDefinition(route.getRouteId());
                    if (definition != null && fromFile(definition)) {
                        RouteFileCheck.check(route.getCamelContext(), definition);
                    } else if (definition != null) {
                        check(definition);
                    }
                }
            }
        });
    }

    /**
     * Whether a route was loaded from a file (the node's routes folder, {@code file:} resources)
     * rather than from the node's jar (its Java route builders): a file is the operator's, and is
     * held to the allowlist.
     */
    public static boolean fromFile(RouteDefinition definition) {
        Resource resource = definition.getResource();
        return resource != null && resource.getLocation() != null && resource.getLocation().startsWith("file:");
    }

    /** @throws GateBypassRefused naming the route and the endpoint that would bypass the gate */
    public static void check(RouteDefinition route) {
        String from = route.getInput() == null ? "" : route.getInput().getEndpointUri();
        List<String> targets = new ArrayList<>();
        collect(route.getOutputs(), targets);
        for (String target : targets) {
            if (ONWARD.matcher(target).find()) {
                throw new GateBypassRefused(route.getRouteId(), "sends to " + target
                        + ", which carries catalog data onward, without the gate: hand the records to " + GATE_BEAN + " instead");
            }
        }
        if (INBOUND.matcher(from).find() && targets.stream().noneMatch(t -> t.startsWith(GATE_BEAN))) {
            throw new GateBypassRefused(route.getRouteId(), "reads " + from + ", which carries ungated catalog data, and never passes it to "
                    + GATE_BEAN + " (the gate)");
        }
    }

    private static void collect(List<ProcessorDefinition<?>> outputs, List<String> into) {
        for (ProcessorDefinition<?> p : outputs) {
            if (p instanceof EndpointRequiredDefinition e && e.getEndpointUri() != null) {
                into.add(e.getEndpointUri());
            }
            collect(p.getOutputs(), into);
        }
    }

    /** A route refused because it would let catalog data past the gate. */
    public static class GateBypassRefused extends IllegalStateException {
        public GateBypassRefused(String routeId, String what) {
            this("route '" + routeId + "' refused: it " + what);
        }

        /**
         * The reason quotes the endpoint refused as it was written, and a route's endpoint may hold
         * a department server's password or token: masked here, once, for every place the refusal
         * is shown (a routes file's state, the log, a start-up refusal), as Camel masks its own.
         */
        private GateBypassRefused(String message) {
            super(URISupport.sanitizeUri(message));
        }

        /** A whole routes file refused, for what it declares besides routes. */
        public static GateBypassRefused file(String file, String what) {
            return new GateBypassRefused("routes file '" + file + "' refused: it " + what);
        }
    }
}
