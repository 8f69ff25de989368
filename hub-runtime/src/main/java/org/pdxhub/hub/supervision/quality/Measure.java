package org.pdxhub.hub.supervision.quality;

/**
 * The names of the daily quality counters. A counter is kept per day, resource, item (the empty
 * name for the whole record) and measure; a refusal or a failed check adds its rule after a colon.
 */
public final class Measure {

    /** Records the provider sent (conformity's denominator). */
    public static final String SENT = "sent";
    public static final String ACCEPTED = "accepted";
    /** Records refused; per item, {@code refused:<rule>}. */
    public static final String REFUSED = "refused";
    /** Items declared in the accepted records, and those filled (completeness). */
    public static final String ITEMS = "items";
    public static final String ITEMS_FILLED = "items_filled";
    /** Items declared required, and those filled. */
    public static final String REQUIRED = "required";
    public static final String REQUIRED_FILLED = "required_filled";
    /** Accuracy checks run on an item; failures, per item, {@code failed:<rule>} (refused or flagged). */
    public static final String CHECKED = "checked";
    public static final String FAILED = "failed";
    /** Records accepted although a rule failed, as the item says (accept and flag). */
    public static final String FLAGGED = "flagged";
    /** Records whose key was already sent that day (uniqueness). */
    public static final String DUPLICATE = "duplicate";
    /** Share and open reads answered, and those that failed for the node's or the store's outage (availability). */
    public static final String READ_ANSWERED = "read_answered";
    public static final String READ_FAILED = "read_failed";
    /** Open data downloads (art. 25). */
    public static final String OPEN_DOWNLOAD = "open_download";

    /** The field name of counters of whole records. */
    public static final String RECORD = "";

    private Measure() {
    }

    static String withRule(String measure, String rule) {
        return measure + ":" + rule;
    }
}
