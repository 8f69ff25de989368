package org.pdxhub.hub.node;

import io.quarkus.security.Authenticated;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

@Path("/api/v1/node")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Node")
@Authenticated
public class NodeResource {

    /** This node as other nodes and operators see it. */
    public record NodeView(String id, String name, NodeLevel level, String organisation, LinkView parent,
                           List<LinkView> children, boolean demo) {
    }

    public record LinkView(String id, String address) {
    }

    @Inject
    HubConfig config;

    @GET
    @Operation(summary = "This node: id, level, organisation, parent and children")
    public NodeView node() {
        HubConfig.Node n = config.node();
        return new NodeView(n.id(), n.name().orElse(n.id()), n.level(), n.organisation(),
                n.parent().map(p -> new LinkView(p.id(), p.address())).orElse(null),
                n.children().stream().map(c -> new LinkView(c.id(), c.address())).toList(),
                config.demo());
    }
}
