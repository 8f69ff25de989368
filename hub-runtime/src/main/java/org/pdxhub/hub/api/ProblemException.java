package org.pdxhub.hub.api;

/**
 * An error a caller caused and can fix: answered as a problem detail with its status. Thrown by
 * services before they change anything, so that a refused request leaves the store as it was.
 */
public class ProblemException extends RuntimeException {

    /** How long {@link #unavailable} asks a caller to wait, as the store's 503 does. */
    public static final int RETRY_AFTER_SECONDS = 30;

    private final int status;
    private final String rule;
    private final String title;
    private final String field;
    private final int retryAfterSeconds;

    public ProblemException(int status, String rule, String title, String detail, String field) {
        this(status, rule, title, detail, field, 0);
    }

    private ProblemException(int status, String rule, String title, String detail, String field, int retryAfterSeconds) {
        super(detail, null, false, false);
        this.status = status;
        this.rule = rule;
        this.title = title;
        this.field = field;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** A 503 that passes by itself (a broker or store coming back): answered with {@code Retry-After}. */
    public static ProblemException unavailable(String rule, String title, String detail) {
        return new ProblemException(503, rule, title, detail, null, RETRY_AFTER_SECONDS);
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

    /** Seconds for a {@code Retry-After} header, or 0 for none. */
    public int retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
