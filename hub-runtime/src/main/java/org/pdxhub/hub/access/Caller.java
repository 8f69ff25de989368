package org.pdxhub.hub.access;

import java.security.Principal;
import java.util.Set;

/**
 * Who is calling: the key, the organisation it belongs to, and the person or system holding it.
 *
 * @param organisation USCC of the key's organisation
 * @param holder       the person or system the key was issued to
 */
public record Caller(String keyId, String organisation, String holder, Set<Role> roles) implements Principal {

    public Caller {
        roles = Set.copyOf(roles);
    }

    @Override
    public String getName() {
        return holder;
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }
}
