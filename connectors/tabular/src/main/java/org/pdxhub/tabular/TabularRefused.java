package org.pdxhub.tabular;

/**
 * A file that is not records this module reads, or one past a limit. The message says what to
 * change and never quotes a cell: cells are names and ID numbers.
 *
 * @see Reason
 */
public final class TabularRefused extends RuntimeException {

    /** Why; callers map it to their own refusal codes. */
    public enum Reason {
        /** not CSV or XLSX, damaged, or a sheet that is not there */
        UNREADABLE,
        /** the header row is missing, or (strict) a column is unnamed or named twice */
        HEADER,
        /** (strict) a row has more or fewer values than the header */
        ROW_WIDTH,
        /** a workbook protected by a password */
        ENCRYPTED,
        /** a part inflates far more than workbooks do (POI's zip-bomb ratio) */
        COMPRESSION_RATIO,
        /** more bytes inflated, or declared, than max-uncompressed-bytes */
        MAX_UNCOMPRESSED_BYTES,
        MAX_ROWS,
        MAX_FIELD_CHARS,
        MAX_CELLS
    }

    private final Reason reason;
    private final long row;

    TabularRefused(Reason reason, long row, String message) {
        super(message);
        this.reason = reason;
        this.row = row;
    }

    public Reason reason() {
        return reason;
    }

    /** The row of the file (the header is row 1 of a CSV; an XLSX row as Excel numbers it), 0 for the file as a whole. */
    public long row() {
        return row;
    }
}
