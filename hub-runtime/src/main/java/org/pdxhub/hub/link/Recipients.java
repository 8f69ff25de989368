package org.pdxhub.hub.link;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.pdxhub.hub.api.ProblemException;
import org.pdxhub.hub.node.HubConfig;
import org.pdxhub.hub.organisation.Organisation;
import org.pdxhub.hub.organisation.Organisations;

import java.util.Optional;

/**
 * Who records returned from this node (返还, art. 20) may go to: an organisation this node
 * serves (registered here, at this node's level or below, and not the parent's), or one reached
 * through a child link ({@code pdx.node.children[i].organisations}). Nothing else: a return
 * address is built from the USCC, so a value that is not one never becomes an address.
 */
@ApplicationScoped
public class Recipients {

    /** A receiving organisation, and the child link its records travel down, if it is not served here. */
    public record Recipient(String uscc, Optional<LinkTarget> through) {
    }

    @Inject
    Organisations organisations;

    @Inject
    Links links;

    @Inject
    HubConfig hub;

    /**
     * @throws ProblemException naming {@code field}, saying what to change, when {@code to} cannot
     *                          receive a return from this node
     */
    public Recipient require(String to, String field) {
        if (to == null || to.isBlank()) {
            throw ProblemException.badRequest("missing-field", field, field + " is required: the USCC of the organisation the records"
                    + " are returned to, served by node " + hub.node().id() + " or reached through one of its child links");
        }
        organisations.checkUscc(to, field);
        Optional<LinkTarget> child = links.childReaching(to);
        if (child.isPresent()) {
            return new Recipient(to, child);
        }
        Organisation o = organisations.find(to).orElseThrow(() -> new ProblemException(404, "return.unknown-organisation", "Not found",
                field + ": no organisation " + to + " is registered at node " + hub.node().id() + " nor reached through a child link;"
                        + " return to a registered organisation, or have the administrator register it (POST /api/v1/organisations)"
                        + " or configure the child link that reaches it (pdx.node.children[i].organisations)", field));
        Optional<String> unserved = unserved(o);
        if (unserved.isPresent()) {
            throw new ProblemException(403, "return.not-served", "Forbidden", field + ": " + unserved.get(), field);
        }
        return new Recipient(to, Optional.empty());
    }

    /** Why records cannot go from here to {@code to}, or empty when they can; for what another node relays down. */
    public Optional<String> unreachable(String to) {
        if (to == null) {
            return Optional.of("a returned message names its receiving organisation in PdxTo");
        }
        if (links.childReaching(to).isPresent()) {
            return Optional.empty();
        }
        return organisations.find(to).map(this::unserved).orElseGet(() -> Optional.of("organisation " + to
                + " is neither registered at node " + hub.node().id() + " nor reached through one of its child links"));
    }

    private Optional<String> unserved(Organisation o) {
        if (links.parent().flatMap(LinkTarget::organisation).map(o.uscc()::equals).orElse(false)
                || o.level().ordinal() > hub.node().level().ordinal()) {
            return Optional.of("organisation " + o.uscc() + " (" + o.level() + ") is above node " + hub.node().id() + " ("
                    + hub.node().level() + "): returns go down, to an organisation served here or reached through a child link");
        }
        return Optional.empty();
    }
}
