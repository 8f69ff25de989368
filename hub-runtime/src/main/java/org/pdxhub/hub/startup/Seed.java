package org.pdxhub.hub.startup;

import org.pdxhub.hub.access.Role;
import org.pdxhub.hub.organisation.Organisation;

import java.util.List;
import java.util.Set;

/**
 * A node's initial organisations and keys, read from {@code seed.json} in its configuration
 * folder. A key is given by its SHA-256 digest ({@code keySha256}); only the demo configuration
 * may give one in clear ({@code key}).
 */
public record Seed(List<Organisation> organisations, List<SeedKey> keys) {

    public Seed {
        organisations = organisations == null ? List.of() : List.copyOf(organisations);
        keys = keys == null ? List.of() : List.copyOf(keys);
    }

    public record SeedKey(String id, String key, String keySha256, String organisation, String holder, Set<Role> roles) {
    }
}
