package org.pdxhub.plugins.identifiers;

import jakarta.inject.Singleton;
import org.pdxhub.plugin.IdentifierCheck;

import java.util.Optional;

/**
 * 电子邮箱, checked pragmatically: {@code local@domain.tld} with the usual characters, not the
 * whole of RFC 5322 (quoted local parts and address literals are refused: nobody sends them).
 */
@Singleton
public final class EmailCheck implements IdentifierCheck {

    public static final String KIND = "email";

    private static final String LOCAL_SYMBOLS = "!#$%&'*+/=?^_`{|}~.-";

    private static final Optional<String> WRONG_FORM =
            Optional.of("must be one address of the form name@example.cn, at most 254 characters");
    private static final Optional<String> BAD_LOCAL_PART = Optional.of(
            "the part before @ must be 1 to 64 letters, digits or symbols such as . _ - + (no dot first, last or twice in a row)");
    private static final Optional<String> BAD_DOMAIN = Optional.of(
            "the part after @ must be a domain such as example.cn: labels of letters, digits and inner dashes, "
                    + "and a top-level domain of 2 or more letters");

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public Optional<String> problem(String value) {
        if (value == null || value.length() > 254) {
            return WRONG_FORM;
        }
        int at = value.indexOf('@');
        if (at < 0 || value.indexOf('@', at + 1) >= 0) {
            return WRONG_FORM;
        }
        if (!isLocalPart(value, 0, at)) {
            return BAD_LOCAL_PART;
        }
        return isDomain(value, at + 1, value.length()) ? Optional.empty() : BAD_DOMAIN;
    }

    private static boolean isLocalPart(String s, int from, int to) {
        if (to - from < 1 || to - from > 64 || s.charAt(from) == '.' || s.charAt(to - 1) == '.') {
            return false;
        }
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            boolean allowed = c < 128 ? Character.isLetterOrDigit(c) || LOCAL_SYMBOLS.indexOf(c) >= 0
                    : Character.isLetterOrDigit(c);
            if (!allowed || c == '.' && s.charAt(i - 1) == '.') {
                return false;
            }
        }
        return true;
    }

    /** Labels separated by dots, at least two; the last (top-level domain) only letters. */
    private static boolean isDomain(String s, int from, int to) {
        int labels = 0;
        int start = from;
        for (int i = from; i <= to; i++) {
            if (i == to || s.charAt(i) == '.') {
                if (!isLabel(s, start, i)) {
                    return false;
                }
                labels++;
                start = i + 1;
            }
        }
        if (labels < 2) {
            return false;
        }
        int tld = s.lastIndexOf('.', to - 1) + 1;
        if (to - tld < 2) {
            return false;
        }
        for (int i = tld; i < to; i++) {
            if (!Character.isLetter(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isLabel(String s, int from, int to) {
        if (to - from < 1 || to - from > 63 || s.charAt(from) == '-' || s.charAt(to - 1) == '-') {
            return false;
        }
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (!(Character.isLetterOrDigit(c) || c == '-')) {
                return false;
            }
        }
        return true;
    }
}
