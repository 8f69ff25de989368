package org.pdxhub.hub.api;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

import java.lang.reflect.GenericArrayType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.Year;
import java.time.YearMonth;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * What a JSON body's field should have been, in the caller's words ("an array of objects", "a
 * string", "a whole number"), never the Java type Jackson names: a caller writes JSON, not Java.
 */
final class ExpectedJson {

    /** One kind of JSON value, said of one and of several. */
    private record Words(String one, String several) {
    }

    private ExpectedJson() {
    }

    /** "an array of objects" for the value {@code e} could not read, from its field's declared type where that is known. */
    static String of(MismatchedInputException e) {
        return words(declaredType(e).orElse(e.getTargetType())).one();
    }

    /** The generic type of the field the failure's path ends at, when its owner is one of our types. */
    private static Optional<Type> declaredType(JsonMappingException e) {
        List<JsonMappingException.Reference> path = e.getPath();
        if (path.isEmpty()) {
            return Optional.empty();
        }
        JsonMappingException.Reference last = path.get(path.size() - 1);
        Object from = last.getFrom();
        if (last.getFieldName() == null || from == null) {
            return Optional.empty();
        }
        Class<?> owner = from instanceof Class<?> c ? c : from.getClass();
        if (owner.isRecord()) {
            return Arrays.stream(owner.getRecordComponents()).filter(c -> c.getName().equals(last.getFieldName()))
                    .map(RecordComponent::getGenericType).findFirst();
        }
        for (Class<?> c = owner; c != null && c != Object.class; c = c.getSuperclass()) {
            for (var field : c.getDeclaredFields()) {
                if (field.getName().equals(last.getFieldName())) {
                    return Optional.of(field.getGenericType());
                }
            }
        }
        return Optional.empty();
    }

    private static Words words(Type type) {
        if (type instanceof WildcardType w) {
            return words(w.getUpperBounds()[0]);
        }
        if (type instanceof GenericArrayType a) {
            return arrayOf(words(a.getGenericComponentType()));
        }
        if (type instanceof ParameterizedType p && p.getRawType() instanceof Class<?> raw) {
            if (Collection.class.isAssignableFrom(raw)) {
                return arrayOf(words(p.getActualTypeArguments()[0]));
            }
            if (Optional.class.equals(raw)) {
                return words(p.getActualTypeArguments()[0]);
            }
            return words(raw);
        }
        if (!(type instanceof Class<?> c)) {
            return new Words("a value", "values");
        }
        if (c == String.class || c == char.class || c == Character.class || CharSequence.class.isAssignableFrom(c)) {
            return new Words("a string", "strings");
        }
        if (c == byte[].class) {
            return new Words("a base64 string", "base64 strings");
        }
        if (c.isArray()) {
            return arrayOf(words(c.getComponentType()));
        }
        if (c == int.class || c == long.class || c == short.class || c == byte.class || c == Integer.class || c == Long.class
                || c == Short.class || c == Byte.class || c == BigInteger.class) {
            return new Words("a whole number", "whole numbers");
        }
        if (c == double.class || c == float.class || c == BigDecimal.class || Number.class.isAssignableFrom(c)) {
            return new Words("a number", "numbers");
        }
        if (c == boolean.class || c == Boolean.class) {
            return new Words("true or false", "values true or false");
        }
        if (c.isEnum()) {
            String names = Arrays.stream(c.getEnumConstants()).map(Object::toString).collect(Collectors.joining(", "));
            return new Words("one of " + names, "strings each one of " + names);
        }
        if (c == LocalDate.class) {
            return new Words("a date as a string YYYY-MM-DD", "dates as strings YYYY-MM-DD");
        }
        if (c == Instant.class || c == OffsetDateTime.class || c == ZonedDateTime.class) {
            return new Words("a time as an ISO-8601 string with its offset, e.g. \"2026-11-30T09:00:00Z\"",
                    "times as ISO-8601 strings with their offset");
        }
        if (c == LocalDateTime.class) {
            return new Words("a date and time as a string, e.g. \"2026-11-30T09:00:00\"", "dates and times as strings");
        }
        if (c == LocalTime.class) {
            return new Words("a time of day as a string HH:MM", "times of day as strings HH:MM");
        }
        if (c == YearMonth.class) {
            return new Words("a month as a string YYYY-MM", "months as strings YYYY-MM");
        }
        if (c == Year.class) {
            return new Words("a year as a whole number", "years as whole numbers");
        }
        if (c == Duration.class) {
            return new Words("a duration as an ISO-8601 string, e.g. \"PT30M\"", "durations as ISO-8601 strings");
        }
        if (c == UUID.class) {
            return new Words("a UUID as a string", "UUIDs as strings");
        }
        if (Collection.class.isAssignableFrom(c)) {
            return new Words("an array", "arrays");
        }
        if (c == Object.class) {
            return new Words("a value", "values");
        }
        // A map, a record or a bean of ours: all are JSON objects.
        return Map.class.isAssignableFrom(c) || !c.isPrimitive() ? new Words("an object", "objects") : new Words("a value", "values");
    }

    private static Words arrayOf(Words element) {
        return new Words("an array of " + element.several(), "arrays of " + element.several());
    }
}
