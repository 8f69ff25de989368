package org.pdxhub.hub.catalog;

/**
 * Where a catalog resource stands: drafted and submitted by its provider's data specialist,
 * then approved (published, versioned) or returned by a reviewer; a published resource can be
 * retired. A change of a published resource does not change its status: it waits beside it.
 */
public enum ResourceStatus {
    DRAFT, SUBMITTED, RETURNED, PUBLISHED, RETIRED
}
