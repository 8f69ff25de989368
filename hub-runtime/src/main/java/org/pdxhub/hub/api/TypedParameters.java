package org.pdxhub.hub.api;

import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.ext.ParamConverter;
import jakarta.ws.rs.ext.ParamConverterProvider;
import jakarta.ws.rs.ext.Provider;

import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.util.Locale;
import java.util.function.Function;

/**
 * A number or true/false query or path parameter ({@code limit}, {@code offset}, {@code page},
 * {@code epsilon}, {@code open}) given a value that is not one. JAX-RS answers a number that does
 * not parse with a bare 404, as if the path did not exist, and reads any word but {@code true} as
 * {@code false} ({@code ?open=yes} lists the closed ones too); each is refused here as a 400 naming
 * the parameter and what to send ({@link ProblemMappers#web} unwraps the refusal from the 404
 * JAX-RS wraps it in).
 */
@Provider
public class TypedParameters implements ParamConverterProvider {

    /** What a parameter's type takes, in the caller's words, and how its text is read. */
    private record Kind(String expected, Function<String, Object> parse, Object absent) {
    }

    private static final Kind INT = new Kind("a whole number up to " + Integer.MAX_VALUE, Integer::valueOf, 0);
    private static final Kind LONG = new Kind("a whole number", Long::valueOf, 0L);
    private static final Kind DOUBLE = new Kind("a decimal number such as 0.5", TypedParameters::finite, 0.0);
    private static final Kind BOOLEAN = new Kind("true or false", TypedParameters::trueOrFalse, false);

    @Override
    @SuppressWarnings("unchecked")
    public <T> ParamConverter<T> getConverter(Class<T> rawType, Type genericType, Annotation[] annotations) {
        Kind kind = rawType == Integer.class || rawType == int.class ? INT
                : rawType == Long.class || rawType == long.class ? LONG
                : rawType == Double.class || rawType == double.class ? DOUBLE
                : rawType == Boolean.class || rawType == boolean.class ? BOOLEAN
                : null;
        String name = nameOf(annotations);
        if (kind == null || name == null) {
            return null;
        }
        return (ParamConverter<T>) new Converter(name, kind, rawType.isPrimitive());
    }

    private static String nameOf(Annotation[] annotations) {
        for (Annotation a : annotations) {
            if (a instanceof QueryParam q) {
                return q.value();
            }
            if (a instanceof PathParam p) {
                return p.value();
            }
        }
        return null;
    }

    private static Object finite(String text) {
        double value = Double.parseDouble(text);
        if (!Double.isFinite(value)) {
            throw new NumberFormatException(text);
        }
        return value;
    }

    /** true or false; 1 and 0 too, since JAX-RS hands an absent primitive parameter its default as "0". */
    private static Object trueOrFalse(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "true", "1" -> Boolean.TRUE;
            case "false", "0" -> Boolean.FALSE;
            default -> throw new IllegalArgumentException(text);
        };
    }

    private record Converter(String name, Kind kind, boolean primitive) implements ParamConverter<Object> {

        @Override
        public Object fromString(String value) {
            if (value == null) {
                // Absent and without a default: a primitive is 0 or false, as JAX-RS gives it.
                return primitive ? kind.absent() : null;
            }
            try {
                return kind.parse().apply(value.strip());
            } catch (IllegalArgumentException e) {
                String shown = value.length() > 20 ? value.substring(0, 20) + "…" : value;
                throw ProblemException.badRequest("invalid-parameter", name, "'" + name + "' must be " + kind.expected()
                        + ", not '" + shown + "'");
            }
        }

        @Override
        public String toString(Object value) {
            return String.valueOf(value);
        }
    }
}
