package org.pdxhub.hub.api;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.pdxhub.plugin.IdentifierCheck;
import org.pdxhub.plugin.Registry;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Whether a text that should name something (a field, a person) holds a personal identifier
 * instead: then it is never echoed in an answer or stored, only referred to by position. The
 * node's own identifier checks decide (citizen ID, mobile, bank card, e-mail, landline), and any
 * run of 11 or more digits counts too, valid check digit or not: no field or person name needs one.
 */
@Singleton
public class RawIdentifiers {

    private static final List<String> PERSONAL_KINDS = List.of("citizen-id", "mobile", "bank-card", "email", "phone");
    private static final Pattern LONG_DIGIT_RUN = Pattern.compile("\\d{11,}");
    private static final Pattern SEPARATORS = Pattern.compile("[\\s\\-_.]");
    private static final Pattern TOKEN_BREAK = Pattern.compile("[^0-9A-Za-z@.+\\-]+");

    @Inject
    Registry<IdentifierCheck> checks;

    public boolean looksLikeOne(String text) {
        if (text == null || text.isEmpty()) {
            return false;
        }
        if (LONG_DIGIT_RUN.matcher(SEPARATORS.matcher(text).replaceAll("")).find()) {
            return true;
        }
        for (String token : TOKEN_BREAK.split(text)) {
            if (token.length() >= 5 && isIdentifier(token)) {
                return true;
            }
        }
        return false;
    }

    private boolean isIdentifier(String token) {
        for (String kind : PERSONAL_KINDS) {
            var check = checks.find(kind);
            if (check.isPresent() && check.get().isValid(token)) {
                return true;
            }
        }
        return false;
    }
}
