package org.pdxhub.hub.catalog;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.pdxhub.hub.messaging.ResourceProviders;
import org.pdxhub.plugin.ResourceSpec;

import java.util.Optional;

/** The broker's view of who provides which published resource. */
@ApplicationScoped
public class CatalogProviders implements ResourceProviders {

    @Inject
    Catalog catalog;

    @Override
    public Optional<String> providerOf(String code) {
        return catalog.publishedSpec(code).map(ResourceSpec::providerUscc);
    }
}
