package org.pdxhub.plugins.masking;

import jakarta.inject.Singleton;
import org.pdxhub.plugin.FieldMasker;
import org.pdxhub.plugin.MaskingKeys;
import org.pdxhub.plugin.MaskingStrategy;

import java.util.List;

/**
 * {@code keep(first,last[,maskChar])}: keeps the first and last characters and masks the rest,
 * e.g. {@code keep(3,4)} on a mobile number gives {@code 138****8000}, {@code keep(1,0)} on a
 * name gives {@code 张*}. Characters are code points, so Chinese names (and rarer characters
 * outside the BMP) count as written. A value no longer than first + last would be shown whole,
 * so it is masked whole instead, keeping its length.
 */
@Singleton
public final class KeepStrategy implements MaskingStrategy {

    public static final String NAME = "keep";
    private static final int LIMIT = 1000;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public FieldMasker compile(List<String> args, MaskingKeys keys) {
        RuleArgs a = RuleArgs.of(args, "keep(first,last[,maskChar])", 2, 3);
        int first = (int) a.wholeNumber(0, "first", 0, LIMIT);
        int last = (int) a.wholeNumber(1, "last", 0, LIMIT);
        int maskChar = a.has(2) ? a.character(2, "maskChar") : '*';
        return FieldMasker.of(value -> value == null ? null : keep(value.toString(), first, last, maskChar),
                value -> value instanceof String s && isKept(s, first, last, maskChar));
    }

    /** Whether every character that {@link #keep} would mask is the mask character. */
    static boolean isKept(String value, int first, int last, int maskChar) {
        int length = value.codePointCount(0, value.length());
        boolean whole = length <= first + last;
        int position = 0;
        for (int i = 0; i < value.length(); position++) {
            int c = value.codePointAt(i);
            boolean kept = !whole && (position < first || position >= length - last);
            if (!kept && c != maskChar) {
                return false;
            }
            i += Character.charCount(c);
        }
        return true;
    }

    static String keep(String value, int first, int last, int maskChar) {
        int length = value.codePointCount(0, value.length());
        boolean whole = length <= first + last;
        StringBuilder out = new StringBuilder(value.length() + 4);
        int position = 0;
        for (int i = 0; i < value.length(); position++) {
            int c = value.codePointAt(i);
            boolean kept = !whole && (position < first || position >= length - last);
            out.appendCodePoint(kept ? c : maskChar);
            i += Character.charCount(c);
        }
        return out.toString();
    }
}
