package org.pdxhub.hub.catalog;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;
import org.pdxhub.hub.access.Caller;
import org.pdxhub.hub.node.HubConfig;
import org.pdxhub.hub.node.StartupRefused;
import org.pdxhub.hub.store.StoreException;
import org.pdxhub.plugin.ResourceSpec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * After the node's seed (organisations) is in: publishes {@code <config-dir>/catalog.json} when the
 * catalog is empty, then copies the published catalog into the cluster's map, so that a member
 * that starts reads every published resource locally.
 */
@Singleton
public class CatalogStartup {

    /** {@code {"resources": [ ... ]}}, each entry as POST /api/v1/catalog/resources takes it. */
    public record CatalogSeed(List<ResourceDraft> resources) {
    }

    private static final Logger LOG = Logger.getLogger(CatalogStartup.class);

    @Inject
    HubConfig config;

    @Inject
    CatalogStore store;

    @Inject
    CatalogWorkflow workflow;

    @Inject
    Catalog catalog;

    @Inject
    CatalogReplica replica;

    @Inject
    ObjectMapper json;

    @Inject
    EditorialFields editorialFields;

    /** At start, once the store is open and the cluster member up. */
    public void start() {
        editorialFields.check();
        Path file = config.configDir().resolve("catalog.json");
        if (store.count() == 0 && Files.isRegularFile(file)) {
            try {
                seed(file);
            } catch (StoreException e) {
                // Another node of the platform seeded the same empty store at the same moment; its seed stands.
                if (store.count() == 0) {
                    throw e;
                }
                LOG.infof("Catalog: another node of the platform seeded the shared store first");
            }
        }
        List<ResourceSpec> published = catalog.publishedSpecsFromStore();
        published.forEach(replica::put);
        store.retiredCodes().forEach(replica::remove);
        LOG.infof("Catalog: %d published resource(s) in cluster map %s", published.size(), CatalogReplica.MAP);
    }

    private void seed(Path file) {
        CatalogSeed seed;
        try {
            seed = json.copy().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).readValue(file.toFile(), CatalogSeed.class);
        } catch (IOException e) {
            throw new StartupRefused("pdx.config-dir", file + " is not a valid catalog: " + e.getMessage());
        }
        List<ResourceDraft> resources = seed.resources() == null ? List.of() : seed.resources();
        HubConfig.Node node = config.node();
        Caller self = new Caller("node:" + node.id(), node.organisation(), node.name().orElse(node.id()), Set.of());
        try {
            workflow.seed(resources, self, file.getFileName().toString());
        } catch (IllegalArgumentException e) {
            throw new StartupRefused("pdx.config-dir", file + ": " + e.getMessage());
        }
        LOG.infof("Catalog: %d resource(s) seeded from %s and published as version 1", resources.size(), file);
    }
}
