package org.pdxhub.hub.console;

import io.quarkus.qute.Template;
import io.smallrye.health.SmallRyeHealthReporter;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.server.ActiveMQServer;
import org.apache.activemq.artemis.core.server.Queue;
import org.jboss.resteasy.reactive.RestForm;
import org.pdxhub.hub.connector.ConnectorResource;
import org.pdxhub.hub.deadletter.DeadLettersResource;
import org.pdxhub.hub.exchange.RoutesResource;
import org.pdxhub.hub.messaging.EmbeddedBroker;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Operations, for the engineers who run the node: health, queue depths, dead letters with their
 * reason and replay, connectors, node routes. Dead letters are the API's (ADMIN); a person
 * without that role is refused the page as the API would refuse the call.
 */
@Path("/operations")
@PermitAll
public class OperationsPage {

    /** A check of {@code /q/health}. */
    public record Check(String name, String status) {
    }

    /** A queue of the node's broker and the messages waiting on it. */
    public record Depth(String queue, long messages) {
    }

    @Inject
    Template operations;

    @Inject
    ConsoleRequest console;

    @Inject
    DeadLettersResource deadLetters;

    @Inject
    ConnectorResource connectors;

    @Inject
    RoutesResource routes;

    @Inject
    SmallRyeHealthReporter health;

    @Inject
    EmbeddedBroker broker;

    @GET
    public Response page() {
        return console.view(() -> {
            console.require();
            var letters = deadLetters.list(0, 100);
            return console.page(operations, "operations").data("letters", letters).data("checks", checks())
                    .data("depths", depths()).data("connectors", connectors.list().instances()).data("routes", routes.list());
        });
    }

    @POST
    @Path("dead-letters/{id}/replay")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response replay(@PathParam("id") String id, @RestForm("_csrf") String csrf) {
        return console.act(csrf, () -> {
            deadLetters.replay(id);
            return "/operations?replayed=" + URLEncoder.encode(id, StandardCharsets.UTF_8);
        });
    }

    private List<Check> checks() {
        List<Check> out = new ArrayList<>();
        JsonObject payload = health.getHealth().getPayload();
        for (JsonValue v : payload.getJsonArray("checks")) {
            JsonObject c = v.asJsonObject();
            out.add(new Check(c.getString("name"), c.getString("status")));
        }
        return out;
    }

    private List<Depth> depths() {
        if (!broker.isEmbedded()) {
            return List.of();
        }
        ActiveMQServer server = broker.server();
        return Arrays.stream(server.getActiveMQServerControl().getQueueNames()).filter(n -> n.startsWith("pdx."))
                .sorted().map(n -> {
                    Queue q = server.locateQueue(SimpleString.of(n));
                    return new Depth(n, q == null ? 0 : q.getMessageCount());
                }).toList();
    }
}
