package org.pdxhub.connector;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * A kind's options record read from its string keys, once: unknown keys refused, required ones
 * present, every value parsed to its type and held to its bounds, each fault naming its key.
 * The same declarations give the option list of {@code GET /api/v1/connectors} and the tables of
 * the connectors' README.
 */
public final class ConnectorOptions {

    private ConnectorOptions() {
    }

    /** @throws ConnectorConfigException naming the key that is wrong and what to change */
    public static <O extends Record> O bind(Class<O> type, Map<String, String> values) {
        RecordComponent[] components = type.getRecordComponents();
        List<String> known = Arrays.stream(components).map(c -> option(c).name()).toList();
        for (String key : values.keySet()) {
            if (!known.contains(key)) {
                throw new ConnectorConfigException(key, "not an option of this connector kind; its options: " + new TreeSet<>(known));
            }
        }
        Object[] args = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            RecordComponent c = components[i];
            Option o = option(c);
            types[i] = c.getType();
            String raw = values.get(o.name());
            String value = raw == null || raw.isBlank() ? (o.defaultValue().isEmpty() ? null : o.defaultValue()) : raw.trim();
            if (value == null && o.required()) {
                throw new ConnectorConfigException(o.name(), "missing: " + o.description());
            }
            args[i] = value == null ? empty(c.getType()) : parse(o, c.getType(), value);
        }
        try {
            Constructor<O> constructor = type.getDeclaredConstructor(types);
            constructor.setAccessible(true);
            return constructor.newInstance(args);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof ConnectorConfigException c) {
                throw c;
            }
            throw new IllegalStateException(type.getName() + " could not be built", e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(type.getName() + " is not an options record", e);
        }
    }

    /** Each option as the node lists it. */
    public static List<OptionSpec> describe(Class<? extends Record> type) {
        List<OptionSpec> specs = new ArrayList<>();
        for (RecordComponent c : type.getRecordComponents()) {
            Option o = option(c);
            specs.add(new OptionSpec(o.name(), describe(o, c.getType()), o.defaultValue().isEmpty() ? null : o.defaultValue(), o.required(), type(o, c.getType())));
        }
        return specs;
    }

    /** The options as a Markdown table: key, type, default, meaning. */
    public static String markdown(Class<? extends Record> type) {
        StringBuilder out = new StringBuilder("| option | type | default | meaning |\n|---|---|---|---|\n");
        for (OptionSpec s : describe(type)) {
            out.append("| `").append(s.name()).append("` | ").append(s.type().name().toLowerCase(Locale.ROOT)).append(" | ")
                    .append(s.required() ? "required" : s.defaultValue() == null ? "" : "`" + s.defaultValue() + "`").append(" | ")
                    .append(s.description().replace("|", "\\|")).append(" |\n");
        }
        return out.toString();
    }

    private static String describe(Option o, Class<?> type) {
        boolean bounded = o.min() != Long.MIN_VALUE || o.max() != Long.MAX_VALUE;
        return bounded ? o.description() + " (" + bounds(o, type == Duration.class ? "ms" : "") + ")" : o.description();
    }

    private static String bounds(Option o, String unit) {
        if (o.max() == Long.MAX_VALUE) {
            return "at least " + o.min() + unit;
        }
        return o.min() + unit + " to " + o.max() + unit;
    }

    private static Option option(RecordComponent c) {
        Option o = c.getAnnotation(Option.class);
        if (o == null) {
            throw new IllegalStateException(c.getDeclaringRecord().getName() + "." + c.getName() + " declares no @Option");
        }
        return o;
    }

    private static OptionSpec.Type type(Option o, Class<?> type) {
        if (o.secret()) {
            return OptionSpec.Type.SECRET;
        }
        if (type == int.class || type == long.class || type == Integer.class || type == Long.class) {
            return OptionSpec.Type.INTEGER;
        }
        if (type == Duration.class) {
            return OptionSpec.Type.DURATION;
        }
        return type == Path.class ? OptionSpec.Type.PATH : OptionSpec.Type.STRING;
    }

    private static Object empty(Class<?> type) {
        if (type == int.class) {
            return 0;
        }
        if (type == long.class) {
            return 0L;
        }
        return type == boolean.class ? false : null;
    }

    private static Object parse(Option o, Class<?> type, String value) {
        String key = o.name();
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
            long n;
            try {
                n = Long.parseLong(value);
            } catch (NumberFormatException e) {
                throw new ConnectorConfigException(key, "'" + value + "' is not a whole number" + range(o, type));
            }
            long min = Math.max(o.min(), type == int.class || type == Integer.class ? Integer.MIN_VALUE : Long.MIN_VALUE);
            long max = Math.min(o.max(), type == int.class || type == Integer.class ? Integer.MAX_VALUE : Long.MAX_VALUE);
            if (n < min || n > max) {
                throw new ConnectorConfigException(key, value + " is out of range" + range(o, type));
            }
            return type == int.class || type == Integer.class ? (Object) (int) n : (Object) n;
        }
        if (type == Duration.class) {
            Duration d;
            try {
                d = OptionSpec.parseDuration(value);
            } catch (RuntimeException e) {
                throw new ConnectorConfigException(key, "'" + value + "' is not a duration such as 500ms, 2s, 5m or 1h");
            }
            if (d.toMillis() < o.min() || d.toMillis() > o.max()) {
                throw new ConnectorConfigException(key, value + " is out of range: " + o.min() + "ms" + (o.max() == Long.MAX_VALUE ? " or more"
                        : " to " + o.max() + "ms"));
            }
            return d;
        }
        if (type == Path.class) {
            try {
                return Path.of(value);
            } catch (InvalidPathException e) {
                throw new ConnectorConfigException(key, "'" + value + "' is not a path: " + e.getReason());
            }
        }
        if (type == boolean.class || type == Boolean.class) {
            if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
                throw new ConnectorConfigException(key, "'" + value + "' is not true or false");
            }
            return Boolean.parseBoolean(value);
        }
        return value;
    }

    private static String range(Option o, Class<?> type) {
        long min = Math.max(o.min(), type == int.class || type == Integer.class ? Integer.MIN_VALUE : Long.MIN_VALUE);
        long max = Math.min(o.max(), type == int.class || type == Integer.class ? Integer.MAX_VALUE : Long.MAX_VALUE);
        return ": give a number from " + min + " to " + max;
    }
}
