package org.pdxhub.hub.gate;

import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.pdxhub.plugin.IdentifierCheck;
import org.pdxhub.plugin.MaskingStrategy;
import org.pdxhub.plugin.Registry;

/**
 * Identifier checks and masking strategies by name, from every bean that implements them: the
 * standard plugins and any plugin module on the class path.
 */
public class PluginRegistries {

    @Produces
    @Singleton
    Registry<IdentifierCheck> identifierChecks(Instance<IdentifierCheck> checks) {
        return new Registry<>("identifier check", checks, IdentifierCheck::kind);
    }

    @Produces
    @Singleton
    Registry<MaskingStrategy> maskingStrategies(Instance<MaskingStrategy> strategies) {
        return new Registry<>("masking strategy", strategies, MaskingStrategy::name);
    }
}
