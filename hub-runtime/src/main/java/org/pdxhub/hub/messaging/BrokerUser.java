package org.pdxhub.hub.messaging;

import java.security.Principal;

/**
 * Who the broker authenticated: an organisation through one of its SYSTEM keys, the node itself,
 * or the node's routes files (which get no more than a provider has).
 *
 * @param name         the broker user name: the organisation's USCC, or one of the node's internal users
 * @param organisation the USCC, null for the node's internal users
 * @param keyId        the id of the key that was presented (never the key), null for the node's internal users
 */
public record BrokerUser(String name, String organisation, String keyId) implements Principal {

    static BrokerUser node(String internalName) {
        return new BrokerUser(internalName, null, null);
    }

    static BrokerUser routes(String internalName) {
        return new BrokerUser(internalName, null, null);
    }

    /** The node's own user, which delivers what passed the gate. */
    public boolean isNode() {
        return organisation == null && BrokerSecurity.NODE_USER.equals(name);
    }

    /** The user of the node's routes files and connectors. */
    public boolean isRoutes() {
        return organisation == null && BrokerSecurity.ROUTES_USER.equals(name);
    }

    @Override
    public String getName() {
        return name;
    }
}
