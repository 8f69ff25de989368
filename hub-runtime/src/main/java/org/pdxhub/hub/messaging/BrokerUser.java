package org.pdxhub.hub.messaging;

import java.security.Principal;

/**
 * Who the broker authenticated: an organisation through one of its SYSTEM keys, or the node itself.
 *
 * @param name         the broker user name: the organisation's USCC, or the node's internal user
 * @param organisation the USCC, null for the node itself
 * @param keyId        the id of the key that was presented (never the key), null for the node itself
 */
public record BrokerUser(String name, String organisation, String keyId) implements Principal {

    static BrokerUser node(String internalName) {
        return new BrokerUser(internalName, null, null);
    }

    public boolean isNode() {
        return organisation == null;
    }

    @Override
    public String getName() {
        return name;
    }
}
