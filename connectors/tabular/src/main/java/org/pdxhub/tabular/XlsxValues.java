package org.pdxhub.tabular;

/** What an XLSX cell's value becomes in a record. */
public enum XlsxValues {
    /**
     * Text, as from a CSV file, for the gate to type by the catalog: numbers as their value with 15
     * significant digits, not their display ({@code 1234.5}, not {@code ¥1,234.50}); a format of zeros only
     * ({@code 000000}, used for codes) keeps its leading zeros; dates {@code yyyy-MM-dd}; date-times ISO at
     * +08:00 with seconds; times {@code HH:mm:ss}; booleans {@code TRUE}/{@code FALSE}.
     */
    TEXT,
    /**
     * What JSON would carry, for a document upload read as records: whole numbers {@code Long}, others
     * {@code BigDecimal} exactly as stored, booleans {@code Boolean}; dates and date-times as ISO text
     * at +08:00 (seconds left out when zero), times of day as {@code HH:mm[:ss]}.
     */
    TYPED
}
