package org.pdxhub.plugins.identifiers;

/** Character tests shared by the checks of identity document numbers; no regex on the hot path. */
final class DocumentNumbers {

    private DocumentNumbers() {
    }

    static boolean digits(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    static boolean upperLetter(char c) {
        return c >= 'A' && c <= 'Z';
    }
}
