package org.pdxhub.hub.messaging;

import org.apache.activemq.artemis.core.security.CheckType;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiPredicate;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Who may do what on which broker address, for an organisation authenticated with one of its
 * SYSTEM keys, and for the node's routes files (the node's own in-VM user is not asked: it may
 * do everything). One place that decides, so that the security manager, its test and the README
 * say the same thing:
 * <ul>
 *   <li>{@code pdx.in.{code}}: send, only the provider of published resource {code} (and the node's routes files, as the provider);</li>
 *   <li>{@code pdx.return.{uscc}}, {@code pdx.reply.{uscc}[.*]}: consume and browse, only organisation {uscc};</li>
 *   <li>{@code pdx.link.in}: send, only the organisation of a configured parent or child link;</li>
 *   <li>{@code pdx.verify.{code}}: send, only an organisation holding a live verification grant for {code};</li>
 *   <li>everything else ({@code pdx.agg}, {@code pdx.dlq}, {@code pdx.link.out.*}, management): the node only.</li>
 * </ul>
 * A fully qualified queue name {@code address::queue} is decided on both parts, and the queue
 * must be the address's own (its name, or for replies one of the owner's reply addresses): a
 * queue is found by its name, so a queue called {@code pdx.return.B} on an address of A would
 * hold what is meant for B. Wildcards are refused, and so is any address no rule names.
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

    public static final String REPLY_PREFIX = "pdx.reply.";
    static final String RETURN_PREFIX = "pdx.return.";
    private static final String IN_PREFIX = "pdx.in.";
    public static final String VERIFY_PREFIX = "pdx.verify.";
    private static final String HUB_PREFIX = "pdx.";
    private static final String FQQN_SEPARATOR = "::";
    /** Artemis' wildcard words and delimiter-free separators (the defaults, which this node does not change). */
    private static final String WILDCARD_CHARS = "#*";

    private static final Set<CheckType> SEND = EnumSet.of(CheckType.SEND, CheckType.CREATE_ADDRESS, CheckType.CREATE_DURABLE_QUEUE);
    private static final Set<CheckType> READ = EnumSet.of(CheckType.CONSUME, CheckType.BROWSE, CheckType.CREATE_ADDRESS,
            CheckType.CREATE_DURABLE_QUEUE);
    /** What a routes file may do on addresses outside the hub's own ({@code pdx.*}): its own queues. */
    private static final Set<CheckType> ROUTES_OWN = EnumSet.of(CheckType.SEND, CheckType.CONSUME, CheckType.BROWSE,
            CheckType.CREATE_ADDRESS, CheckType.CREATE_DURABLE_QUEUE, CheckType.CREATE_NON_DURABLE_QUEUE,
            CheckType.DELETE_NON_DURABLE_QUEUE);

    private final Function<String, Optional<String>> providerOfPublished;
    private final Supplier<Set<String>> linkedOrganisations;
    private final BiPredicate<String, String> holdsVerificationGrant;

    /** Rules under which nobody verifies over the broker. */
    public AddressRules(Function<String, Optional<String>> providerOfPublished, Supplier<Set<String>> linkedOrganisations) {
        this(providerOfPublished, linkedOrganisations, (organisation, code) -> false);
    }

    /**
     * @param providerOfPublished    the provider's USCC of a published resource code, empty if the code is not published
     * @param linkedOrganisations    the USCCs of the nodes at the other end of this node's parent and child links
     * @param holdsVerificationGrant whether an organisation holds a live verification grant for a resource code
     */
    public AddressRules(Function<String, Optional<String>> providerOfPublished, Supplier<Set<String>> linkedOrganisations,
                        BiPredicate<String, String> holdsVerificationGrant) {
        this.providerOfPublished = providerOfPublished;
        this.linkedOrganisations = linkedOrganisations;
        this.holdsVerificationGrant = holdsVerificationGrant;
    }

    /** Whether {@code address} is one of organisation {@code organisation}'s reply addresses ({@code pdx.reply.{uscc}[.*]}). */
    public static boolean isReplyAddressOf(String address, String organisation) {
        return address != null && organisation != null && address.startsWith(REPLY_PREFIX) && organisation.equals(ownerOf(address));
    }

    /** What organisation {@code organisation} may do on {@code fullAddress} (an address or {@code address::queue}). */
    public Decision decide(String organisation, CheckType check, String fullAddress) {
        return decideQualified(fullAddress, address -> decideBare(organisation, check, address));
    }

    /**
     * What the node's routes files may do: send to {@code pdx.in.{code}} of a published resource,
     * as its provider would (the message then passes the gate's queue ingest), and use addresses
     * of their own outside {@code pdx.*}. They never read an inbound queue and never write where
     * gated data goes on ({@code pdx.agg}, {@code pdx.link.out.*}, {@code pdx.return.*},
     * {@code pdx.reply.*}, {@code pdx.dlq}).
     */
    public Decision decideForRoutes(CheckType check, String fullAddress) {
        return decideQualified(fullAddress, address -> {
            if (address.startsWith(IN_PREFIX)) {
                if (!SEND.contains(check)) {
                    return Decision.refused("broker.routes.in-send-only", address + " is read only by the node's queue ingest, "
                            + "which passes it through the gate; a routes file sends to it and reads nothing from it");
                }
                String code = address.substring(IN_PREFIX.length());
                return providerOfPublished.apply(code).isPresent() ? Decision.ALLOWED
                        : Decision.refused("broker.in.not-published", "no published resource '" + code + "'");
            }
            if (address.startsWith(HUB_PREFIX) || address.startsWith("activemq.") || address.startsWith("$")) {
                return Decision.refused("broker.routes.internal", address + " belongs to the node's gate: a routes file sends "
                        + "records to pdx.in.{code} and the gate delivers them");
            }
            return ROUTES_OWN.contains(check) ? Decision.ALLOWED
                    : Decision.refused("broker.routes.manage", check + " on " + address + " is the node's to do");
        });
    }

    /** Checks both parts of a fully qualified queue name, and refuses wildcards and malformed names. */
    private static Decision decideQualified(String fullAddress, Function<String, Decision> bareRule) {
        if (fullAddress == null || fullAddress.isEmpty()) {
            return Decision.refused("broker.address.empty", "name the address");
        }
        for (char c : WILDCARD_CHARS.toCharArray()) {
            if (fullAddress.indexOf(c) >= 0) {
                return Decision.refused("broker.address.wildcard", fullAddress + " holds the wildcard '" + c
                        + "': name one address, the one that is yours");
            }
        }
        int fq = fullAddress.indexOf(FQQN_SEPARATOR);
        if (fq < 0) {
            return bareRule.apply(fullAddress);
        }
        String address = fullAddress.substring(0, fq);
        String queue = fullAddress.substring(fq + FQQN_SEPARATOR.length());
        if (address.isEmpty() || queue.isEmpty() || queue.contains(FQQN_SEPARATOR)) {
            return Decision.refused("broker.address.malformed", fullAddress + " is not of the form address::queue");
        }
        Decision onAddress = bareRule.apply(address);
        if (!onAddress.allowed()) {
            return onAddress;
        }
        Decision onQueue = bareRule.apply(queue);
        if (!onQueue.allowed()) {
            return onQueue;
        }
        boolean ownQueue = queue.equals(address) || (address.startsWith(REPLY_PREFIX) && queue.startsWith(REPLY_PREFIX)
                && ownerOf(address).equals(ownerOf(queue)));
        if (address.startsWith(HUB_PREFIX) && !ownQueue) {
            return Decision.refused("broker.address.foreign-queue", "queue " + queue + " on address " + address
                    + ": a hub address's queue bears the address's name; use " + address + "::" + address + " or just " + address);
        }
        return Decision.ALLOWED;
    }

    private Decision decideBare(String organisation, CheckType check, String address) {
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
        if (address.startsWith(VERIFY_PREFIX)) {
            String code = address.substring(VERIFY_PREFIX.length());
            if (!SEND.contains(check)) {
                return Decision.refused("broker.verify.send-only", address + " takes verification calls; only the node reads it,"
                        + " and answers on the caller's pdx.reply." + organisation);
            }
            if (!holdsVerificationGrant.test(organisation, code)) {
                return Decision.refused("broker.verify.no-grant", "organisation " + organisation + " holds no live verification grant for "
                        + code + ": ask for one with POST /api/v1/verification-requests");
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
    static String ownerOf(String address) {
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
        int fq = address.indexOf(FQQN_SEPARATOR);
        return fq < 0 ? address : address.substring(0, fq);
    }
}
