package org.pdxhub.plugins.masking;

import jakarta.inject.Singleton;
import org.pdxhub.plugin.FieldMasker;
import org.pdxhub.plugin.MaskingKeys;
import org.pdxhub.plugin.MaskingStrategy;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/**
 * {@code range(width)}: a number becomes the bucket of that width it falls in, written
 * {@code lower-upper}: {@code range(1000)} on 2345.6 gives {@code 2000-2999}. A value that is not
 * a number is suppressed.
 */
@Singleton
public final class RangeStrategy implements MaskingStrategy {

    public static final String NAME = "range";
    private static final int MAX_DIGITS = 40;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public FieldMasker compile(List<String> args, MaskingKeys keys) {
        RuleArgs a = RuleArgs.of(args, "range(width)", 1, 1);
        BigDecimal width = BigDecimal.valueOf(a.wholeNumber(0, "width", 1, 1_000_000_000_000_000L));
        return FieldMasker.of(value -> {
            BigDecimal number = numberOf(value);
            if (number == null) {
                return null;
            }
            BigDecimal lower = number.divide(width, 0, RoundingMode.FLOOR).multiply(width);
            return lower.toPlainString() + "-" + lower.add(width).subtract(BigDecimal.ONE).toPlainString();
        }, value -> value instanceof String s && isBucket(s, width));
    }

    /** {@code lower-upper} as {@link #compile} writes it: lower a multiple of the width (negative ones too). */
    static boolean isBucket(String s, BigDecimal width) {
        int dash = s.indexOf('-', 1);
        if (dash < 0 || s.length() > 2 * MAX_DIGITS + 3) {
            return false;
        }
        try {
            BigDecimal lower = new BigDecimal(s.substring(0, dash));
            BigDecimal upper = new BigDecimal(s.substring(dash + 1));
            return lower.scale() <= 0 && lower.remainder(width).signum() == 0
                    && upper.compareTo(lower.add(width).subtract(BigDecimal.ONE)) == 0
                    && s.equals(lower.toPlainString() + "-" + upper.toPlainString());
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static BigDecimal numberOf(Object value) {
        if (value == null || value instanceof Boolean) {
            return null;
        }
        try {
            // Through the text, which keeps a double's shortest form (0.1, not 0.1000000000000000055...).
            BigDecimal number = new BigDecimal(value.toString().trim());
            // 1E+999999999 is a number too, but bucketing it would build a billion-digit integer.
            return number.precision() - number.scale() > MAX_DIGITS ? null : number;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
