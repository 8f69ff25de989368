package org.pdxhub.hub.api;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

import java.lang.reflect.Type;
import java.util.function.BiFunction;

/**
 * Every JSON body the node reads is one value and nothing after it: {@code {...} garbage} or
 * {@code [...][...]} is refused (400) instead of read up to the first value and the rest ignored.
 */
@Singleton
public class StrictJson implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    /**
     * The bodies of a resource class read refusing fields their type does not have:
     * {@code @CustomDeserialization(StrictJson.Bodies.class)}. A misspelt field is then a 400
     * naming it ({@link ProblemMappers}), not a silently missing value reported as another field
     * missing. The application's mapper stays lenient for what the node reads of itself.
     */
    public static final class Bodies implements BiFunction<ObjectMapper, Type, ObjectReader> {
        @Override
        public ObjectReader apply(ObjectMapper mapper, Type type) {
            return mapper.readerFor(mapper.constructType(type)).with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        }
    }
}
