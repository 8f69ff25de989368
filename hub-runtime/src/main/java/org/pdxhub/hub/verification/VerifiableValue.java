package org.pdxhub.hub.verification;

import java.math.BigDecimal;
import java.text.Normalizer;
import java.util.Locale;

/**
 * A value as both sides digest it: what a provider sent and what a verifier sends must become the
 * same text when they are the same value, however typed. NFKC turns full-width digits, letters
 * and spaces (１９８５, Ｘ, U+3000) into their plain forms; the ends are trimmed; letters are upper
 * case, so that the check character x of a citizen ID is X; a number is its plain decimal form.
 */
final class VerifiableValue {

    private VerifiableValue() {
    }

    static String normalise(Object value) {
        if (value instanceof BigDecimal || value instanceof Double || value instanceof Float) {
            return new BigDecimal(value.toString()).stripTrailingZeros().toPlainString();
        }
        String text = Normalizer.normalize(value.toString(), Normalizer.Form.NFKC).strip();
        return text.toUpperCase(Locale.ROOT);
    }

    /**
     * A record's key as the caller typed it, in the plain form the gate held it in: full-width
     * digits and spaces made plain, the ends trimmed. Its case is left to the key's masking, which
     * already reads a lower-case check character as the record it names.
     */
    static String key(Object value) {
        return Normalizer.normalize(value.toString(), Normalizer.Form.NFKC).strip();
    }
}
