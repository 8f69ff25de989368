package org.pdxhub.hub.link;

import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.pdxhub.hub.node.HubConfig;
import org.pdxhub.hub.node.StartupRefused;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The node's place in the hierarchy (art. 6, 11, 20): the parent records go up to, the children
 * records are returned down to, and which organisations each child reaches.
 */
@Singleton
public class Links {

    @Inject
    HubConfig config;

    private LinkTarget parent;
    private final List<LinkTarget> children = new ArrayList<>();

    @PostConstruct
    void resolve() {
        config.node().parent().ifPresent(p -> parent = target("pdx.node.parent.address", p, LinkTarget.Direction.UP));
        List<HubConfig.Link> configured = config.node().children();
        for (int i = 0; i < configured.size(); i++) {
            children.add(target("pdx.node.children[" + i + "].address", configured.get(i), LinkTarget.Direction.DOWN));
        }
    }

    private static LinkTarget target(String key, HubConfig.Link link, LinkTarget.Direction direction) {
        try {
            return LinkTarget.of(link.id(), direction, link.address(), link.organisation(), link.key(),
                    link.resources().orElse(List.of()), link.organisations().orElse(List.of()));
        } catch (IllegalArgumentException e) {
            throw new StartupRefused(key, e.getMessage());
        }
    }

    public Optional<LinkTarget> parent() {
        return Optional.ofNullable(parent);
    }

    public List<LinkTarget> children() {
        return List.copyOf(children);
    }

    public List<LinkTarget> all() {
        List<LinkTarget> all = new ArrayList<>(children);
        if (parent != null) {
            all.add(0, parent);
        }
        return all;
    }

    /** The child through which records for {@code uscc} travel down, if it is not served here. */
    public Optional<LinkTarget> childReaching(String uscc) {
        return children.stream().filter(c -> c.reaches(uscc)).findFirst();
    }

    /** The link a node id names, for checking who sent a relayed message. */
    public Optional<LinkTarget> byNode(String nodeId) {
        return all().stream().filter(l -> l.id().equals(nodeId)).findFirst();
    }
}
