package org.pdxhub.hub.api;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.io.IOException;
import java.lang.reflect.Type;
import java.util.function.BiFunction;

/**
 * Reads a request body refusing fields the request type does not have: a misspelt field is a
 * 400 naming it ({@link ProblemMappers}), not a silently missing value reported as another
 * field missing. The application's mapper stays lenient for what the node reads of itself.
 */
@ApplicationScoped
public class StrictJson {

    @Inject
    ObjectMapper json;

    private ObjectMapper strict;

    @PostConstruct
    void init() {
        strict = json.copy().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    /**
     * The same for the bodies of a whole resource class: {@code @CustomDeserialization(StrictJson.Bodies.class)}.
     */
    public static final class Bodies implements BiFunction<ObjectMapper, Type, ObjectReader> {
        @Override
        public ObjectReader apply(ObjectMapper mapper, Type type) {
            return mapper.readerFor(mapper.constructType(type)).with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        }
    }

    /** The body as {@code type}; null for an empty body. */
    public <T> T read(byte[] body, Class<T> type) throws IOException {
        return body == null || body.length == 0 ? null : strict.readValue(body, type);
    }
}
