package org.pdxhub.plugins.documents;

import java.util.Objects;

/**
 * A document the scanner will not pass on. The message names the limit or rule and its value,
 * and what the sender can change; it never holds a value found in the document. The report says
 * what was known when the scan stopped, for the usage log.
 */
public final class DocumentRefused extends Exception {

    private final RefusalReason reason;
    private final transient ScanReport report;

    public DocumentRefused(RefusalReason reason, String detail, ScanReport report) {
        super(reason.code() + ": " + detail);
        this.reason = Objects.requireNonNull(reason, "reason");
        this.report = report;
    }

    public RefusalReason reason() {
        return reason;
    }

    /** What the scan found before it stopped; its {@link ScanReport#refusal()} is this refusal. */
    public ScanReport report() {
        return report;
    }
}
