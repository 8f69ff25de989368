package org.pdxhub.hub.api;

/**
 * A free-text field of a request body held to the column it is stored in: too long, or with a
 * line break or another control character, is the caller's mistake, answered 400 naming the field
 * before anything is written. Left to the store, it was a 400 that could not say which field
 * ({@code value-not-storable}), or, for a field stored only later (a person who becomes a
 * usage-log entry when the request is carried out), a failure long after the request was accepted.
 */
public final class TextFields {

    private TextFields() {
    }

    /** The value stripped, or null when absent or blank; at most {@code max} characters of one line. */
    public static String oneLine(String field, String value, int max) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.strip();
        if (v.length() > max) {
            throw ProblemException.badRequest("too-long", field, field + " has " + v.length() + " characters; at most " + max + " are taken");
        }
        if (v.chars().anyMatch(TextFields::breaksALine)) {
            throw ProblemException.badRequest("control-character", field, field
                    + " holds a line break or another control character; send one line of text");
        }
        return v;
    }

    /** A control character (CR, LF, tab...) or a Unicode line or paragraph separator: what would forge a log line. */
    public static boolean breaksALine(int c) {
        return Character.isISOControl(c) || c == '\u2028' || c == '\u2029';
    }
}
