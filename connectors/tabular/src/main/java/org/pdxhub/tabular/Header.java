package org.pdxhub.tabular;

/** How the first filled row names the fields. */
public enum Header {
    /** Every column named, no name twice, every row as wide as the header: an exchange interface's file. */
    STRICT,
    /** A blank heading is named by its column letter, a repeated one gets {@code _2}, {@code _3}...: a person's spreadsheet. */
    NAMED,
    /** The headings as written, blank and repeated ones included, for a reader that checks them itself. */
    AS_WRITTEN
}
