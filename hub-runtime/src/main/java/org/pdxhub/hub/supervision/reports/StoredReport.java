package org.pdxhub.hub.supervision.reports;

import java.time.Instant;

/** A report as the store keeps it: generated once, read as JSON, XLSX or PDF from the same figures. */
public record StoredReport(String id, String kind, String period, String scope, Instant generatedAt, String generatedBy,
                           ReportFigures figures) {

    /** The list entry, without the figures. */
    public record Summary(String id, String kind, String period, String scope, Instant generatedAt, String generatedBy, boolean demo) {
    }

    public Summary summary() {
        return new Summary(id, kind, period, scope, generatedAt, generatedBy, figures.demo());
    }
}
