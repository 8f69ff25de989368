package org.pdxhub.hub.sharing;

import org.pdxhub.hub.api.ProblemException;

import java.util.regex.Pattern;

/**
 * An approved purpose (使用用途, art. 19): the scenario a grant was given for, as a short code and
 * the approved text. A read under the grant states one of the two in {@code Pdx-Purpose}; the
 * data may be used for that duty only.
 *
 * @param code short code, e.g. {@code SI-ELIGIBILITY}; null until the grant's id stands in for it
 * @param text the text the request stated and the decider approved
 */
public record Purpose(String code, String text) {

    private static final Pattern CODE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{1,39}");

    /**
     * The code a requester proposes, checked: letters, digits and {@code . _ -}, 2 to 40
     * characters; blank means "none" (the request's id becomes the code).
     *
     * @throws ProblemException naming {@code field} when it is malformed
     */
    public static String code(String proposed, String field) {
        if (proposed == null || proposed.isBlank()) {
            return null;
        }
        String c = proposed.strip();
        if (!CODE.matcher(c).matches()) {
            throw ProblemException.badRequest("invalid-purpose-code", field, field + " is a short code of 2 to 40 letters, digits"
                    + " and . _ - starting with a letter or digit, e.g. SI-ELIGIBILITY; leave it out to use the request's id");
        }
        return c;
    }
}
