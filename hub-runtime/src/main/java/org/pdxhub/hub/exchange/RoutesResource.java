package org.pdxhub.hub.exchange;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.apache.camel.CamelContext;
import org.apache.camel.model.Model;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.util.URISupport;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.pdxhub.hub.access.Role;
import org.pdxhub.hub.gate.GateEnforcement;

import java.util.Comparator;
import java.util.List;

@Path("/api/v1/routes")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Connectors")
@RolesAllowed({Role.ADMIN_, Role.REVIEWER_, Role.SYSTEM_})
public class RoutesResource {

    /**
     * @param from   the route's input, its passwords and tokens masked (every SYSTEM key of the
     *               platform may list the routes, and a routes file may read a department's server)
     * @param origin {@code file} for a route of the node's routes folder (held to the routes-file
     *               allowlist, on a provider's broker rights), {@code node} for the node's own
     */
    public record RouteView(String id, String status, String from, String origin) {
    }

    public record Listing(List<NodeRoutes.FileState> files, List<RouteView> routes) {
    }

    @Inject
    NodeRoutes nodeRoutes;

    @Inject
    CamelContext camel;

    @GET
    @Operation(summary = "The node's routes files (loaded or refused, with the reason) and every running Camel route")
    public Listing list() {
        Model model = camel.getCamelContextExtension().getContextPlugin(Model.class);
        List<RouteView> routes = camel.getRoutes().stream()
                .map(r -> new RouteView(r.getRouteId(), String.valueOf(camel.getRouteController().getRouteStatus(r.getRouteId())),
                        URISupport.sanitizeUri(r.getEndpoint().getEndpointUri()), origin(model.getRouteDefinition(r.getRouteId()))))
                .sorted(Comparator.comparing(RouteView::id)).toList();
        return new Listing(nodeRoutes.files(), routes);
    }

    private static String origin(RouteDefinition definition) {
        return definition != null && GateEnforcement.fromFile(definition) ? "file" : "node";
    }
}
