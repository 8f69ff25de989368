package org.pdxhub.hub.api;

import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.ext.ParamConverter;
import jakarta.ws.rs.ext.ParamConverterProvider;
import jakarta.ws.rs.ext.Provider;

import java.lang.annotation.Annotation;
import java.lang.reflect.Type;

/**
 * A whole-number query or path parameter ({@code limit}, {@code offset}, {@code page}, {@code from})
 * that is not one. JAX-RS answers such a parameter with a bare 404, as if the path did not exist;
 * this converter refuses it as a 400 that names the parameter and what to send
 * ({@link ProblemMappers#web} unwraps the refusal from the 404 JAX-RS wraps it in).
 */
@Provider
public class WholeNumberParameters implements ParamConverterProvider {

    @Override
    @SuppressWarnings("unchecked")
    public <T> ParamConverter<T> getConverter(Class<T> rawType, Type genericType, Annotation[] annotations) {
        boolean isLong = rawType == Long.class || rawType == long.class;
        if (!isLong && rawType != Integer.class && rawType != int.class) {
            return null;
        }
        String name = nameOf(annotations);
        if (name == null) {
            return null;
        }
        return (ParamConverter<T>) new Converter(name, isLong, rawType.isPrimitive());
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

    private record Converter(String name, boolean isLong, boolean primitive) implements ParamConverter<Object> {

        @Override
        public Object fromString(String value) {
            if (value == null) {
                // Absent and without a default: a primitive is 0, as JAX-RS gives it.
                return primitive ? (isLong ? (Object) 0L : (Object) 0) : null;
            }
            try {
                return isLong ? (Object) Long.parseLong(value.strip()) : (Object) Integer.parseInt(value.strip());
            } catch (NumberFormatException e) {
                String shown = value.length() > 20 ? value.substring(0, 20) + "…" : value;
                throw ProblemException.badRequest("invalid-parameter", name, "'" + name + "' must be a whole number"
                        + (isLong ? "" : " up to " + Integer.MAX_VALUE) + ", not '" + shown + "'");
            }
        }

        @Override
        public String toString(Object value) {
            return String.valueOf(value);
        }
    }
}
