package org.pdxhub.hub.messaging;

/**
 * Who may send verification calls to {@code pdx.verify.{code}}: the grants answer, the broker only
 * asks, so that the broker does not depend on the feature that issues them.
 */
public interface VerificationHolders {

    /** Whether {@code organisation} holds a live verification grant for the resource {@code code}. */
    boolean holdsLive(String organisation, String code);
}
