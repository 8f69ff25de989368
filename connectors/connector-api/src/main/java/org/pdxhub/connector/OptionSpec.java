package org.pdxhub.connector;

/**
 * One option of a connector kind, self-describing as a Camel endpoint option is.
 *
 * @param defaultValue null when there is none
 */
public record OptionSpec(String name, String description, String defaultValue, boolean required, Type type) {

    /** What a value must parse as; the node checks it before {@link Connector#create}. */
    public enum Type { STRING, INTEGER, DURATION, PATH, SECRET }

    /** {@code 500ms}, {@code 2s}, {@code 5m}, {@code 1h}, or ISO-8601 ({@code PT2S}). */
    public static java.time.Duration parseDuration(String value) {
        String v = value.trim().toLowerCase(java.util.Locale.ROOT);
        if (v.startsWith("pt")) {
            return java.time.Duration.parse(v);
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+)(ms|s|m|h)").matcher(v);
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + value + "' is not a duration such as 500ms, 2s, 5m or 1h");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> java.time.Duration.ofMillis(n);
            case "s" -> java.time.Duration.ofSeconds(n);
            case "m" -> java.time.Duration.ofMinutes(n);
            default -> java.time.Duration.ofHours(n);
        };
    }

    public static OptionSpec required(String name, Type type, String description) {
        return new OptionSpec(name, description, null, true, type);
    }

    public static OptionSpec optional(String name, Type type, String defaultValue, String description) {
        return new OptionSpec(name, description, defaultValue, false, type);
    }
}
