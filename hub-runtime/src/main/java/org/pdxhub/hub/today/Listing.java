package org.pdxhub.hub.today;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.pdxhub.hub.api.ProblemException;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A list of what is due as of {@code today}: periodic reviews, follow-ups, complaints,
 * corrections. On the wire the items are under the name the feature gives them
 * ({@code "complaints": [...]}), after {@code today} and {@code count}.
 */
@JsonPropertyOrder({"today", "count"})
public record Listing<T>(LocalDate today, @JsonIgnore String name, @JsonIgnore List<T> items) {

    public static <T> Listing<T> of(LocalDate today, String name, List<T> items) {
        return new Listing<>(today, name, List.copyOf(items));
    }

    public int count() {
        return items.size();
    }

    @JsonAnyGetter
    public Map<String, Object> named() {
        return Map.of(name, items);
    }

    /** The states a list is asked for by ({@code ?state=}), in the order they are offered. */
    public static <T> States<T> states() {
        return new States<>();
    }

    public static final class States<T> {
        private final Map<String, Supplier<List<T>>> states = new LinkedHashMap<>();

        public States<T> on(String state, Supplier<List<T>> items) {
            states.put(state, items);
            return this;
        }

        /** The items in {@code state}, or a 400 naming the parameter and the states there are. */
        public List<T> select(String state) {
            Supplier<List<T>> items = state == null ? null : states.get(state);
            if (items == null) {
                throw ProblemException.badRequest("invalid-state", "state", "state is one of " + String.join(", ", states.keySet())
                        + "; not '" + state + "'");
            }
            return items.get();
        }
    }
}
