package org.pdxhub.hub.catalog;

/**
 * A possible repeat collection (art. 9, 一数一源): the resource collects {@code item} itself while
 * another published resource already provides it as its authoritative source. A flag for the
 * reviewer, not a refusal: the provider should obtain the item by sharing, naming its source.
 */
public record RepeatCollection(String item, String resource, String provider, String detail) {
}
