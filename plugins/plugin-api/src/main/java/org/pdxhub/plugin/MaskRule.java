package org.pdxhub.plugin;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A masking rule as written in a catalog item or a profile: a strategy name with optional
 * arguments, {@code keep(3,4,*)}, {@code suppress}, {@code pseudonym(sm3)}.
 */
public record MaskRule(String strategy, List<String> args) {

    private static final Pattern SYNTAX = Pattern.compile("\\s*([a-z][a-z0-9-]*)\\s*(?:\\((.*)\\))?\\s*");

    public MaskRule {
        args = List.copyOf(args);
    }

    /** @throws IllegalArgumentException with the expected form when {@code text} is not a rule */
    public static MaskRule parse(String text) {
        Matcher m = SYNTAX.matcher(text == null ? "" : text);
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a masking rule: write name or name(arg,...), e.g. keep(3,4)");
        }
        List<String> args = new ArrayList<>();
        if (m.group(2) != null && !m.group(2).isBlank()) {
            for (String a : m.group(2).split(",", -1)) {
                args.add(a.trim());
            }
        }
        return new MaskRule(m.group(1), args);
    }

    @Override
    public String toString() {
        return args.isEmpty() ? strategy : strategy + "(" + String.join(",", args) + ")";
    }
}
