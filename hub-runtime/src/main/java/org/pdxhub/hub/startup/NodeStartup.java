package org.pdxhub.hub.startup;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;
import org.pdxhub.hub.access.ApiKeys;
import org.pdxhub.hub.node.HubConfig;
import org.pdxhub.hub.node.StartupRefused;
import org.pdxhub.hub.organisation.Organisations;
import org.pdxhub.plugin.IdentifierCheck;
import org.pdxhub.plugin.Registry;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Checks the node's identity and provisions its seed once the store is open: the node's own
 * USCC must be valid, and demo keys are refused outside the demo configuration.
 */
@Singleton
public class NodeStartup {

    private static final Logger LOG = Logger.getLogger(NodeStartup.class);

    @Inject
    HubConfig config;

    @Inject
    Registry<IdentifierCheck> identifierChecks;

    @Inject
    Organisations organisations;

    @Inject
    ApiKeys keys;

    @Inject
    ObjectMapper json;

    /** Step {@link Step#SEED}. */
    void start() {
        HubConfig.Node node = config.node();
        identifierChecks.get("uscc").problem(node.organisation()).ifPresent(problem -> {
            throw new StartupRefused("pdx.node.organisation", "'" + node.organisation()
                    + "' is not a valid unified social credit code (" + problem + ")");
        });
        loadSeed(config.configDir().resolve("seed.json"));
        List<String> demoKeys = keys.demoKeysPresent();
        if (!config.demo() && !demoKeys.isEmpty()) {
            throw new StartupRefused("pdx.demo", "the store holds the well-known demo keys " + demoKeys
                    + ", which only the demo configuration may use: revoke them, or start with --config config/demo");
        }
        LOG.infof("Node %s (%s) serving %s%s", node.id(), node.level(), node.organisation(), config.demo() ? " [DEMO]" : "");
    }

    private void loadSeed(Path file) {
        if (!Files.isRegularFile(file)) {
            return;
        }
        Seed seed;
        try {
            seed = json.copy().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).readValue(file.toFile(), Seed.class);
        } catch (IOException e) {
            throw new StartupRefused("pdx.config-dir", file + " is not a valid seed: " + e.getMessage());
        }
        int orgs = 0;
        int added = 0;
        for (var o : seed.organisations()) {
            if (organisations.find(o.uscc()).isEmpty()) {
                try {
                    organisations.register(o);
                } catch (RuntimeException e) {
                    if (organisations.find(o.uscc()).isPresent()) {
                        continue; // another node of the platform, seeding the same store at the same moment
                    }
                    throw new StartupRefused("pdx.config-dir", file + ": organisation " + o.uscc() + ": " + e.getMessage());
                }
                orgs++;
            }
        }
        for (var k : seed.keys()) {
            if (keys.exists(k.id())) {
                continue;
            }
            String hash;
            if (k.keySha256() != null) {
                hash = k.keySha256();
            } else if (k.key() != null && config.demo()) {
                hash = ApiKeys.digest(k.key());
            } else {
                throw new StartupRefused("pdx.config-dir", file + ": key " + k.id()
                        + " must be given as keySha256; clear keys are only for the demo configuration");
            }
            try {
                keys.store(k.id(), hash, k.organisation(), k.holder(), k.roles());
            } catch (RuntimeException e) {
                if (keys.exists(k.id())) {
                    continue; // stored by another node of the platform meanwhile
                }
                throw e;
            }
            added++;
        }
        if (orgs + added > 0) {
            LOG.infof("Seed %s: %d organisation(s), %d key(s) provisioned", file, orgs, added);
        }
    }
}
