package org.pdxhub.hub.messaging;

import org.apache.activemq.artemis.core.security.CheckType;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Who may do what on which broker address, for an organisation authenticated with one of its
 * SYSTEM keys (the node's own in-VM user is not asked: it may do everything). One place that
 * decides, so that the security manager, its test and the README say the same thing:
 * <ul>
 *   <li>{@code pdx.in.{code}}: send, only the provider of published resource {code};</li>
 *   <li>{@code pdx.return.{uscc}}, {@code pdx.reply.{uscc}[.*]}: consume and browse, only organisation {uscc};</li>
 *   <li>{@code pdx.link.in}: send, only the organisation of a configured parent or child link;</li>
 *   <li>everything else ({@code pdx.agg}, {@code pdx.dlq}, {@code pdx.link.out.*}, management): the node only.</li>
 * </ul>
 * Where an organisation may send or read it may also create the address and its durable queue,
 * which Artemis clients do on their own when the address does not exist yet.
 */
public final class AddressRules {

    /** The answer: allowed, or refused with a rule name and a sentence saying what to change. */
    public record Decision(boolean allowed, String rule, String reason) {

        static final Decision ALLOWED = new Decision(true, null, null);

        static Decision refused(String rule, String reason) {
            return new Decision(false, rule, reason);
        }
    }

    static final String REPLY_PREFIX = "pdx.reply.";
    private static final String RETURN_PREFIX = "pdx.return.";
    private static final String IN_PREFIX = "pdx.in.";

    private static final Set<CheckType> SEND = EnumSet.of(CheckType.SEND, CheckType.CREATE_ADDRESS, CheckType.CREATE_DURABLE_QUEUE);
    private static final Set<CheckType> READ = EnumSet.of(CheckType.CONSUME, CheckType.BROWSE, CheckType.CREATE_ADDRESS,
            CheckType.CREATE_DURABLE_QUEUE);

    private final Function<String, Optional<String>> providerOfPublished;
    private final Supplier<Set<String>> linkedOrganisations;

    /**
     * @param providerOfPublished the provider's USCC of a published resource code, empty if the code is not published
     * @param linkedOrganisations the USCCs of the nodes at the other end of this node's parent and child links
     */
    public AddressRules(Function<String, Optional<String>> providerOfPublished, Supplier<Set<String>> linkedOrganisations) {
        this.providerOfPublished = providerOfPublished;
        this.linkedOrganisations = linkedOrganisations;
    }

    public Decision decide(String organisation, CheckType check, String fullAddress) {
        String address = bare(fullAddress);
        if (address.startsWith(IN_PREFIX)) {
            String code = address.substring(IN_PREFIX.length());
            if (!SEND.contains(check)) {
                return Decision.refused("broker.in.send-only", address + " is where a provider sends records of " + code
                        + "; only the node reads it");
            }
            Optional<String> provider = providerOfPublished.apply(code);
            if (provider.isEmpty()) {
                return Decision.refused("broker.in.not-published", "no published resource '" + code + "': nothing moves through "
                        + "the hub unless it is a published catalog resource");
            }
            if (!provider.get().equals(organisation)) {
                return Decision.refused("broker.in.not-provider", "only the provider of " + code + " (" + provider.get()
                        + ") sends to " + address + "; organisation " + organisation + " is not it");
            }
            return Decision.ALLOWED;
        }
        String owner = ownerOf(address);
        if (owner != null) {
            if (!READ.contains(check)) {
                return Decision.refused("broker.return.read-only", address + " is filled by the node; organisation " + owner
                        + " reads it and sends nothing to it");
            }
            if (!owner.equals(organisation)) {
                return Decision.refused("broker.return.not-owner", address + " is read only by organisation " + owner
                        + "; organisation " + organisation + " reads its own pdx.return." + organisation);
            }
            return Decision.ALLOWED;
        }
        if (address.equals(Addresses.LINK_IN)) {
            if (!SEND.contains(check)) {
                return Decision.refused("broker.link.send-only", address + " takes records from linked nodes; only the node reads it");
            }
            if (!linkedOrganisations.get().contains(organisation)) {
                return Decision.refused("broker.link.not-linked", address + " takes records only from the organisations of this node's "
                        + "parent and children (pdx.node.parent/children[].organisation); organisation " + organisation + " is not one");
            }
            return Decision.ALLOWED;
        }
        return Decision.refused("broker.internal", address + " is internal to the node: department systems send to pdx.in.{code} "
                + "and read pdx.return.{their uscc}");
    }

    /** The organisation whose return or reply address this is, or null. */
    private static String ownerOf(String address) {
        String rest;
        if (address.startsWith(RETURN_PREFIX)) {
            rest = address.substring(RETURN_PREFIX.length());
            return rest.isEmpty() || rest.contains(".") ? null : rest;
        }
        if (address.startsWith(REPLY_PREFIX)) {
            rest = address.substring(REPLY_PREFIX.length());
            int dot = rest.indexOf('.');
            String owner = dot < 0 ? rest : rest.substring(0, dot);
            return owner.isEmpty() ? null : owner;
        }
        return null;
    }

    /** The address of a fully qualified queue name {@code address::queue}. */
    static String bare(String address) {
        int fq = address.indexOf("::");
        return fq < 0 ? address : address.substring(0, fq);
    }
}
