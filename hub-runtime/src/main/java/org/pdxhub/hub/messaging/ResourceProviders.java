package org.pdxhub.hub.messaging;

import java.util.Optional;

/**
 * Which organisation provides a published resource, as the broker's rights need it: the catalog
 * answers, the broker only asks, so that the broker does not depend on the catalog.
 */
public interface ResourceProviders {

    /** The USCC of the organisation that provides the published resource {@code code}; empty when none is published. */
    Optional<String> providerOf(String code);
}
