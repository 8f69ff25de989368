package org.pdxhub.hub.api;

/**
 * An error a caller caused and can fix: answered as a problem detail with its status. Thrown by
 * services before they change anything, so that a refused request leaves the store as it was.
 */
public class ProblemException extends RuntimeException {

    private final int status;
    private final String rule;
    private final String title;
    private final String field;

    public ProblemException(int status, String rule, String title, String detail, String field) {
        super(detail, null, false, false);
        this.status = status;
        this.rule = rule;
        this.title = title;
        this.field = field;
    }

    public static ProblemException badRequest(String rule, String field, String detail) {
        return new ProblemException(400, rule, "Invalid request", detail, field);
    }

    public static ProblemException notFound(String what, String id) {
        return new ProblemException(404, "not-found", "Not found", "no " + what + " '" + id + "'", null);
    }

    public static ProblemException conflict(String rule, String field, String detail) {
        return new ProblemException(409, rule, "Conflict", detail, field);
    }

    public static ProblemException forbidden(String rule, String detail) {
        return new ProblemException(403, rule, "Forbidden", detail, null);
    }

    public Problem toProblem() {
        return new Problem("urn:pdx:problem:" + rule, title, status, getMessage(), field);
    }

    public String rule() {
        return rule;
    }

    public int status() {
        return status;
    }
}
