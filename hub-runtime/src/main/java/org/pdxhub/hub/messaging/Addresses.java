package org.pdxhub.hub.messaging;

/** The Artemis addresses other systems depend on (API.md); one place to name them. */
public final class Addresses {

    /**
     * The Camel component of the node's own deliveries (the gate's passage, links, notifications),
     * logged in as the node's user; routes files use {@code jms}, which has a provider's rights only.
     */
    public static final String NODE_JMS = "pdxnode";

    /** Where refused and undeliverable messages go, with their reason in {@code PdxReason}. */
    public static final String DEAD_LETTER = "pdx.dlq";

    /** Where messages whose time to live ran out go, rather than vanishing. */
    public static final String EXPIRED = "pdx.expired";

    /** Events telling who must act next (a provider's specialist, a reviewer). */
    public static final String NOTIFY = "pdx.notify";

    /** Records that passed the gate on their way up, waiting to be landed in the node's datasets. */
    public static final String AGGREGATION = "pdx.agg";

    /** Records returned down (返还, art. 20) to an organisation: {@code pdx.return.{uscc}}. */
    public static String returnTo(String uscc) {
        return "pdx.return." + uscc;
    }

    /** Records of a resource sent in by a department system: {@code pdx.in.{code}}. */
    public static String inbound(String resourceCode) {
        return "pdx.in." + resourceCode;
    }

    /** Verification calls (核验) on a resource, answered on the caller's reply address: {@code pdx.verify.{code}}. */
    public static String verify(String resourceCode) {
        return AddressRules.VERIFY_PREFIX + resourceCode;
    }

    /** Where records from another node arrive: up from a child, down from the parent (issue 7). */
    public static final String LINK_IN = "pdx.link.in";

    /** The store-and-forward queue towards another node, drained by a bridge or the signed REST client. */
    public static String linkOut(String linkId) {
        return "pdx.link.out." + linkId;
    }

    private Addresses() {
    }
}
