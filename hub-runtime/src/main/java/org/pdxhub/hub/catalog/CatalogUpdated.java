package org.pdxhub.hub.catalog;

import org.pdxhub.plugin.ResourceSpec;

/** A resource was published in a new version ({@code spec}), or retired ({@code spec} null). */
public record CatalogUpdated(String code, ResourceSpec spec) {
}
