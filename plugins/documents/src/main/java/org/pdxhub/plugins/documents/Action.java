package org.pdxhub.plugins.documents;

import java.util.Locale;

/** What the scanner does with a kind of personal data it finds. */
public enum Action {
    /** Leave the value in the output text. */
    KEEP,
    /** Replace each character of the value by {@code *}, so offsets in the text stay valid. */
    REDACT,
    /** Replace the value by its keyed pseudonym, the same one the hub's field masking gives it. */
    PSEUDONYMISE,
    /** Refuse the whole document. */
    REFUSE;

    /** @throws IllegalArgumentException naming the accepted words */
    public static Action parse(String text) {
        try {
            return valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("'" + text + "' is not an action: write keep, redact, pseudonymise or refuse");
        }
    }
}
