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

    @Inject
    org.pdxhub.hub.signing.SigningConfig signing;

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

    private LinkTarget target(String key, HubConfig.Link link, LinkTarget.Direction direction) {
        LinkTarget target;
        try {
            target = LinkTarget.of(link.id(), direction, link.address(), link.organisation(), link.key(),
                    link.resources().orElse(List.of()), link.organisations().orElse(List.of()));
        } catch (IllegalArgumentException e) {
            throw new StartupRefused(key, e.getMessage());
        }
        if (target.transport() == LinkTarget.Transport.REST && !signing.peers().containsKey(link.id())) {
            throw new StartupRefused("pdx.signing.peers." + link.id() + ".key-id", "link " + link.id() + " goes over the signed REST"
                    + " interface (" + link.address() + "), so it needs the key it signs with there: pdx.signing.peers." + link.id()
                    + ".key-id and .secret");
        }
        return target;
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

    /** The link a link id names. */
    public Optional<LinkTarget> byId(String linkId) {
        return all().stream().filter(l -> l.id().equals(linkId)).findFirst();
    }

    /**
     * The link a relayed message came over: UP from a child, DOWN from the parent, matched on the
     * sender's organisation where the link names one (a platform of several nodes serves one
     * organisation under several node ids), else on the sending node's id.
     */
    public Optional<LinkTarget> sender(LinkTarget.Direction sent, String nodeId, String organisation) {
        List<LinkTarget> candidates = sent == LinkTarget.Direction.UP ? children : parent == null ? List.of() : List.of(parent);
        return candidates.stream()
                .filter(l -> l.organisation().map(o -> o.equals(organisation)).orElse(l.id().equals(nodeId)))
                .findFirst();
    }
}
