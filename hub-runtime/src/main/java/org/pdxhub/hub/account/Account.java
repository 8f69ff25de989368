package org.pdxhub.hub.account;

import org.pdxhub.hub.access.Caller;
import org.pdxhub.hub.access.Role;

import java.util.Set;

/**
 * A person who works in the console, bound to one organisation and its roles there.
 *
 * @param source LOCAL (password in the store) or OIDC (the identity provider vouches)
 */
public record Account(String username, String organisation, String displayName, Set<Role> roles, String source) {

    /** What the console's actions are recorded under: key id {@code account:<username>}, the person's name. */
    public static final String KEY_PREFIX = "account:";

    public Account {
        roles = Set.copyOf(roles);
    }

    public Caller asCaller() {
        return new Caller(KEY_PREFIX + username, organisation, displayName, roles);
    }
}
