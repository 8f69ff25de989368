package org.pdxhub.tabular;

/**
 * What a CSV or XLSX file may hold before it is refused; each refusal names the limit and its value.
 *
 * @param maxUncompressedBytes most bytes inflated out of a workbook (its sheets and shared strings), and
 *                             largest size a workbook part may declare: stops a zip bomb before it inflates
 *                             (default 1 GiB)
 * @param maxRows              most rows of records, the header not counted (default 5,000,000)
 * @param maxFieldChars        longest value of one cell, and of one CSV record, in characters (default 1 MiB):
 *                             a CSV with an unclosed quote is refused here instead of filling the heap
 * @param maxCells             most filled cells, the header's included (default 200,000,000)
 */
public record TabularLimits(long maxUncompressedBytes, long maxRows, int maxFieldChars, long maxCells) {

    public static final TabularLimits DEFAULTS = new TabularLimits(1L << 30, 5_000_000, 1 << 20, 200_000_000);

    public TabularLimits {
        positive("max-uncompressed-bytes", maxUncompressedBytes);
        positive("max-rows", maxRows);
        positive("max-field-chars", maxFieldChars);
        positive("max-cells", maxCells);
    }

    private static void positive(String name, long value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be a whole number above 0, not " + value);
        }
    }

    public TabularLimits withMaxUncompressedBytes(long value) {
        return new TabularLimits(value, maxRows, maxFieldChars, maxCells);
    }

    public TabularLimits withMaxRows(long value) {
        return new TabularLimits(maxUncompressedBytes, value, maxFieldChars, maxCells);
    }

    public TabularLimits withMaxFieldChars(int value) {
        return new TabularLimits(maxUncompressedBytes, maxRows, value, maxCells);
    }

    public TabularLimits withMaxCells(long value) {
        return new TabularLimits(maxUncompressedBytes, maxRows, maxFieldChars, value);
    }
}
