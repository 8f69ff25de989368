package org.pdxhub.hub.deadletter;

import jakarta.enterprise.context.ApplicationScoped;
import org.apache.camel.Exchange;
import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteConfigurationBuilder;
import org.apache.camel.model.errorhandler.DeadLetterChannelDefinition;

/**
 * The node's one error handler for routes that consume messages: a Camel dead-letter channel to
 * {@code pdx.dlq}, written by {@link DeadLetters#fromRoute} in the one dead-letter format, with
 * the message as the route received it. A route takes it with
 * {@code .routeConfigurationId(DeadLetterChannel.ID)}.
 * <ul>
 *   <li>{@link Refused} (the sender's mistake): dead-lettered at once, and the consumption commits.</li>
 *   <li>A route that says every failure of its own is final ({@link #FINAL_RULE} on the exchange,
 *       as landing does for a message that can never land): dead-lettered at once under that rule.</li>
 *   <li>Anything else (the node, a peer, the store): not handled, so a transacted consumer rolls
 *       back and the broker's redelivery (address settings) is the one place it is tried again;
 *       after its attempts the broker moves it to {@code pdx.dlq} itself.</li>
 * </ul>
 * Routes files written by users run on {@link #ROUTE_FILES}, the same channel and the same writer,
 * except that every failure of a step of theirs is final: their consumers (a timer, a folder, a
 * database poll, a {@code jms} queue read without a transaction) have no redelivery the node can
 * count on, so a failure left unhandled would be lost. The letter names the route
 * ({@code route:<id>}) and the failure's kind. A {@code direct:} route's caller, which waits for
 * the answer, is told of the failure instead. A route that declares an {@code errorHandler} of its
 * own (a redelivery policy with back-off for a push, {@code noErrorHandler} for a step its caller
 * handles) keeps it: its author chose how it is tried again.
 * A {@link Refused#alreadyWritten() refusal already written} (the gate's masked letter) is
 * taken as handled on both, with no second letter.
 */
@ApplicationScoped
public class DeadLetterChannel extends RouteConfigurationBuilder {

    public static final String ID = "pdx-dead-letters";
    /** An exchange property: the rule under which this route's own failures are final and dead-lettered. */
    public static final String FINAL_RULE = "PdxDeadLetterFinalRule";
    /** The route configuration of every route a routes file in {@code <config>/routes} defines. */
    public static final String ROUTE_FILES = "pdx-route-files";
    /** The rule of a routes file's step that failed (a conversion, a database, a component). */
    public static final String ROUTE_STEP_FAILED = "route.step-failed";
    static final String WRITER = "bean:pdxDeadLetters?method=fromRoute";
    public static final String ROUTE_FILE_WRITER = "bean:pdxDeadLetters?method=fromRouteFile";

    @Override
    public void configuration() {
        routeConfiguration(ID)
                // A letter that cannot be written fails the delivery: it rolls back rather than being taken with no trace.
                .errorHandler(deadLetterChannel(WRITER).deadLetterHandleNewException(false).useOriginalMessage().maximumRedeliveries(0)
                        .logExhausted(false).logStackTrace(false).retriesExhaustedLogLevel(LoggingLevel.INFO))
                // Not the sender's mistake and not final: left unhandled, so the consumer rolls back.
                .onException(Exception.class)
                .onWhen(e -> !(failure(e) instanceof Refused) && e.getProperty(FINAL_RULE) == null)
                .handled(false).maximumRedeliveries(0).logExhausted(false)
                .log(LoggingLevel.WARN, DeadLetterChannel.class.getName(), "${routeId}: ${exception}; rolled back for the broker to deliver again");

        routeConfiguration(ROUTE_FILES)
                .errorHandler(routeFilesHandler());
    }

    /**
     * The routes files' handler, set on each of their routes as well as on their configuration: a
     * route builder gives its routes the context's default handler, and a configuration's handler
     * only takes a place left empty.
     */
    public static DeadLetterChannelDefinition routeFilesHandler() {
        DeadLetterChannelDefinition handler = new DeadLetterChannelDefinition(ROUTE_FILE_WRITER);
        handler.deadLetterHandleNewException(false).useOriginalMessage().maximumRedeliveries(0).logExhausted(false).logStackTrace(false)
                .retriesExhaustedLogLevel(LoggingLevel.WARN);
        return handler;
    }

    /** An exchange that no consumer of the route took from outside: sent to its {@code direct:} endpoint by a caller that waits. */
    static boolean aCallerWaits(Exchange e) {
        return e.getFromEndpoint() == null || e.getFromEndpoint().getEndpointUri().startsWith("direct:");
    }

    private static Throwable failure(Exchange e) {
        return e.getException() != null ? e.getException() : e.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
    }
}
