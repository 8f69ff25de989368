package org.pdxhub.plugins.masking;

import java.util.List;

/**
 * The arguments of one rule, read so that a wrong one is reported with its name, what it must
 * be, and the rule's form, e.g. {@code keep(first,last[,maskChar]): 'first' must be ...}.
 */
final class RuleArgs {

    private final String form;
    private final List<String> values;

    private RuleArgs(String form, List<String> values) {
        this.form = form;
        this.values = values;
    }

    /**
     * @param form the rule's written form, naming its arguments, e.g. {@code range(width)}
     * @throws IllegalArgumentException when there are fewer than {@code min} or more than {@code max}
     */
    static RuleArgs of(List<String> args, String form, int min, int max) {
        List<String> values = args == null ? List.of() : args;
        if (values.size() < min || values.size() > max) {
            String count = max == 0 ? "no arguments"
                    : min == max ? min + (min == 1 ? " argument" : " arguments")
                    : min + " to " + max + " arguments";
            throw new IllegalArgumentException(form + " takes " + count + ", not " + values.size());
        }
        return new RuleArgs(form, values);
    }

    String form() {
        return form;
    }

    boolean has(int index) {
        return index < values.size();
    }

    /** A non-blank argument. */
    String text(int index, String name) {
        String value = values.get(index);
        if (value == null || value.isBlank()) {
            throw wrong(name, "given", value);
        }
        return value.trim();
    }

    /** One of {@code choices}, as written. */
    String choice(int index, String name, String... choices) {
        String value = values.get(index) == null ? "" : values.get(index).trim();
        for (String choice : choices) {
            if (choice.equals(value)) {
                return choice;
            }
        }
        throw wrong(name, "one of " + String.join(", ", choices), value);
    }

    long wholeNumber(int index, String name, long min, long max) {
        String value = values.get(index) == null ? "" : values.get(index).trim();
        try {
            long n = Long.parseLong(value);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below, with the range
        }
        throw wrong(name, "a whole number from " + min + " to " + max, value);
    }

    /** One character (code point), e.g. a mask character. */
    int character(int index, String name) {
        String value = values.get(index) == null ? "" : values.get(index).trim();
        if (value.isEmpty() || value.codePointCount(0, value.length()) != 1) {
            throw wrong(name, "a single character", value);
        }
        return value.codePointAt(0);
    }

    IllegalArgumentException wrong(String name, String mustBe, String given) {
        return new IllegalArgumentException(form + ": '" + name + "' must be " + mustBe
                + (given == null ? "" : ", not '" + given + "'"));
    }

    /** A problem with something the rule needs besides its arguments, e.g. a configured key. */
    IllegalArgumentException needs(String what) {
        return new IllegalArgumentException(form + ": " + what);
    }
}
