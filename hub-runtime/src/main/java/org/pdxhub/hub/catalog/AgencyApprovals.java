package org.pdxhub.hub.catalog;

import java.util.ArrayList;
import java.util.List;

/**
 * What the agency's reviewer states when approving an entry that only the agency may allow
 * (art. 9, 一数一源): collecting again an item that another resource provides as its authoritative
 * source, and buying data. Each statement says why it is allowed; "ok" says nothing.
 *
 * @param secondCollection why the provider may collect the item itself instead of obtaining it by sharing
 * @param purchase         why the data may be bought: the need, and that it is not already held as public data
 */
public record AgencyApprovals(String secondCollection, String purchase) {

    /** What an approval needs from the agency beyond its decision. */
    public enum Need { SECURITY_REVIEW, SECOND_COLLECTION, PURCHASE }

    static final AgencyApprovals NONE = new AgencyApprovals(null, null);

    AgencyApprovals cleaned() {
        return new AgencyApprovals(CatalogRules.clean(secondCollection), CatalogRules.clean(purchase));
    }

    /** The statements needed and missing or too short, by field path. */
    List<String> missing(List<Need> needs, int minLength) {
        List<String> missing = new ArrayList<>();
        if (needs.contains(Need.SECOND_COLLECTION) && SecurityReview.tooShort(secondCollection, minLength)) {
            missing.add("approvals.secondCollection");
        }
        if (needs.contains(Need.PURCHASE) && SecurityReview.tooShort(purchase, minLength)) {
            missing.add("approvals.purchase");
        }
        return missing;
    }

    boolean isEmpty() {
        return secondCollection == null && purchase == null;
    }
}
