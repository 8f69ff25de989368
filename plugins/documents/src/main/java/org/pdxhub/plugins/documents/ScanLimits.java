package org.pdxhub.plugins.documents;

import java.time.Duration;
import java.util.Objects;

/**
 * Limits a document cannot get past; each refusal names the limit (its {@link RefusalReason#code()})
 * and its value.
 *
 * @param maxInputBytes            largest document accepted, in bytes (default 50 MiB)
 * @param maxExtractedCharacters   most characters of text taken out of a document, embedded ones
 *                                 included (default 5,000,000)
 * @param truncateAtCharacterLimit when true, text beyond {@code maxExtractedCharacters} is cut off
 *                                 and the report says so; when false (default) the document is refused
 * @param parseTimeout             longest a scan may take, from being queued to its end (default 60 s)
 * @param maxEmbeddedDepth         deepest nesting of embedded documents: 1 is a file in a zip, 2 a
 *                                 file in a zip in a zip (default 4)
 * @param maxEmbeddedDocuments     most embedded documents, at all depths (default 1,000)
 * @param maxUncompressedBytes     most bytes read out of embedded documents at all depths, which
 *                                 stops a zip bomb (default 256 MiB)
 * @param maxSpreadsheetCells      most non-empty cells read from one spreadsheet (default 2,000,000)
 */
public record ScanLimits(long maxInputBytes, int maxExtractedCharacters, boolean truncateAtCharacterLimit,
                         Duration parseTimeout, int maxEmbeddedDepth, int maxEmbeddedDocuments,
                         long maxUncompressedBytes, int maxSpreadsheetCells) {

    public static final ScanLimits DEFAULTS = new ScanLimits(50L << 20, 5_000_000, false, Duration.ofSeconds(60),
            4, 1_000, 256L << 20, 2_000_000);

    public ScanLimits {
        positive("max-input-bytes", maxInputBytes);
        positive("max-extracted-characters", maxExtractedCharacters);
        Objects.requireNonNull(parseTimeout, "parse-timeout");
        if (parseTimeout.isNegative() || parseTimeout.isZero()) {
            throw new IllegalArgumentException("parse-timeout must be longer than zero, not " + parseTimeout);
        }
        if (maxEmbeddedDepth < 0) {
            throw new IllegalArgumentException("max-embedded-depth must be 0 (no embedded documents) or more, not " + maxEmbeddedDepth);
        }
        if (maxEmbeddedDocuments < 0) {
            throw new IllegalArgumentException("max-embedded-documents must be 0 or more, not " + maxEmbeddedDocuments);
        }
        positive("max-uncompressed-bytes", maxUncompressedBytes);
        positive("max-spreadsheet-cells", maxSpreadsheetCells);
    }

    private static void positive(String name, long value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be a whole number above 0, not " + value);
        }
    }

    public ScanLimits withMaxInputBytes(long value) {
        return new ScanLimits(value, maxExtractedCharacters, truncateAtCharacterLimit, parseTimeout,
                maxEmbeddedDepth, maxEmbeddedDocuments, maxUncompressedBytes, maxSpreadsheetCells);
    }

    public ScanLimits withMaxExtractedCharacters(int value, boolean truncate) {
        return new ScanLimits(maxInputBytes, value, truncate, parseTimeout,
                maxEmbeddedDepth, maxEmbeddedDocuments, maxUncompressedBytes, maxSpreadsheetCells);
    }

    public ScanLimits withParseTimeout(Duration value) {
        return new ScanLimits(maxInputBytes, maxExtractedCharacters, truncateAtCharacterLimit, value,
                maxEmbeddedDepth, maxEmbeddedDocuments, maxUncompressedBytes, maxSpreadsheetCells);
    }

    public ScanLimits withMaxEmbeddedDepth(int value) {
        return new ScanLimits(maxInputBytes, maxExtractedCharacters, truncateAtCharacterLimit, parseTimeout,
                value, maxEmbeddedDocuments, maxUncompressedBytes, maxSpreadsheetCells);
    }

    public ScanLimits withMaxEmbeddedDocuments(int value) {
        return new ScanLimits(maxInputBytes, maxExtractedCharacters, truncateAtCharacterLimit, parseTimeout,
                maxEmbeddedDepth, value, maxUncompressedBytes, maxSpreadsheetCells);
    }

    public ScanLimits withMaxUncompressedBytes(long value) {
        return new ScanLimits(maxInputBytes, maxExtractedCharacters, truncateAtCharacterLimit, parseTimeout,
                maxEmbeddedDepth, maxEmbeddedDocuments, value, maxSpreadsheetCells);
    }

    public ScanLimits withMaxSpreadsheetCells(int value) {
        return new ScanLimits(maxInputBytes, maxExtractedCharacters, truncateAtCharacterLimit, parseTimeout,
                maxEmbeddedDepth, maxEmbeddedDocuments, maxUncompressedBytes, value);
    }
}
