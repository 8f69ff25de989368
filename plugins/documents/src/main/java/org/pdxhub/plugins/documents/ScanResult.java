package org.pdxhub.plugins.documents;

/**
 * A document that passed the scan: the report, to be logged, and the text to pass on, with
 * personal data redacted, pseudonymised or kept as the policy says. The text is kept out of the
 * report, which must never hold a value found.
 */
public record ScanResult(ScanReport report, String text) {

    @Override
    public String toString() {
        return "ScanResult[report=" + report + ", text=(" + text.length() + " characters)]";
    }
}
