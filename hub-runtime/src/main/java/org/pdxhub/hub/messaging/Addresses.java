package org.pdxhub.hub.messaging;

/** The Artemis addresses other systems depend on (API.md); one place to name them. */
public final class Addresses {

    /** Where refused and undeliverable messages go, with their reason in {@code PdxReason}. */
    public static final String DEAD_LETTER = "pdx.dlq";

    /** Events telling who must act next (a provider's specialist, a reviewer). */
    public static final String NOTIFY = "pdx.notify";

    /** Records of a resource sent in by a department system: {@code pdx.in.{code}}. */
    public static String inbound(String resourceCode) {
        return "pdx.in." + resourceCode;
    }

    private Addresses() {
    }
}
