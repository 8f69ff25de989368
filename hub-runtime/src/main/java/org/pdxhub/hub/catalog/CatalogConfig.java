package org.pdxhub.hub.catalog;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.List;

/** How the catalog treats changes of published resources (art. 8, 16, 24, 25). */
@ConfigMapping(prefix = "pdx.catalog")
public interface CatalogConfig {

    /**
     * The fields the agency declared editorial: a change of these alone publishes at once; any
     * other change waits for the agency's review (art. 8). Names of {@link EditorialFields#KNOWN}:
     * {@code name} (the resource's title), {@code description}, {@code format}, {@code items.title}.
     */
    @WithDefault("name,description")
    List<String> editorialFields();

    /**
     * The fewest characters of a statement that must be more than a token: the evidence of a
     * raise, each item of the security and secrecy review, a "no change needed" reason.
     */
    @WithDefault("15")
    int minStatementLength();
}
