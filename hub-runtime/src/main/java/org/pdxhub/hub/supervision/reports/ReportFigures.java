package org.pdxhub.hub.supervision.reports;

import java.time.LocalDate;
import java.util.List;

/**
 * The figures of one periodic report (定期通报, art. 42), kept as generated: the files are drawn
 * from them, and the console reads the same numbers for its charts.
 *
 * @param scope PLATFORM, or the USCC of the one department reported on
 * @param demo  true when generated activity of a demo node is among the figures
 */
public record ReportFigures(String period, String kind, String title, String scope, String scopeName, LocalDate from, LocalDate to,
                            Totals totals, List<Department> departments, List<ResourceLine> resources, List<DayPoint> trend,
                            List<Count> useByPurpose, List<Count> overdueByOrganisation, boolean demo) {

    /** The platform's (or the department's) totals. */
    public record Totals(int resources, int resourcesLate, long recordsSent, long recordsAccepted, long recordsRefused,
                         long shareRequests, long shareAnswered, long shareAnsweredOnTime, long openApplications, long publicDemands,
                         long demands, long refusals, long disputes, long overdueRequests, long corrections, long correctionsAccepted,
                         long correctionsRejected, long correctionsOverdue, long sharedReads, long openDownloads,
                         long emergencyGrants, long emergencySealed, Double onTimeRate, Double qualityScore) {
    }

    /** One department's line. */
    public record Department(String uscc, String name, int resources, int resourcesLate, long recordsSent, long recordsAccepted,
                             Double conformity, Double qualityScore, long requestsAnswered, long requestsOnTime, Double onTimeRate,
                             long refusals, long disputes, long overdue, long corrections, long correctionsOverdue) {
    }

    /** One resource's line. */
    public record ResourceLine(String code, String name, String provider, String updateCycle, boolean late, long sent, long accepted,
                               Double conformity, Double completeness, Double accuracy, Double availability, Double score,
                               long openDownloads) {
    }

    /** Records accepted and refused on one day. */
    public record DayPoint(LocalDate day, long accepted, long refused) {
    }

    /** A name and how many. */
    public record Count(String name, long count) {
    }
}
