package org.pdxhub.hub.connector;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.pdxhub.connector.ConnectorInstance;
import org.pdxhub.connector.Health;
import org.pdxhub.connector.OptionSpec;
import org.pdxhub.hub.access.Role;

import java.util.List;
import java.util.Map;

@Path("/api/v1/connectors")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Connectors")
@RolesAllowed({Role.ADMIN_, Role.REVIEWER_, Role.SYSTEM_})
public class ConnectorResource {

    public record InstanceView(String name, String kind, Health.Status state, String detail, Map<String, Long> counts) {
    }

    public record KindView(String kind, String description, List<OptionSpec> options) {
    }

    public record Listing(List<InstanceView> instances, List<KindView> kinds) {
    }

    @Inject
    Connectors connectors;

    @GET
    @Operation(summary = "The node's connector instances (kind, state, health, counts) and the kinds it knows, with their options")
    public Listing list() {
        List<InstanceView> instances = connectors.instances().stream().map(ConnectorResource::view).toList();
        List<KindView> kinds = connectors.kinds().values().stream()
                .map(c -> new KindView(c.kind(), c.description(), c.options())).toList();
        return new Listing(instances, kinds);
    }

    private static InstanceView view(ConnectorInstance i) {
        Health h = i.health();
        return new InstanceView(i.name(), i.kind(), h.status(), h.detail(), i.counts());
    }
}
