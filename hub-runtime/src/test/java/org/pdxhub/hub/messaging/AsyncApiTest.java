package org.pdxhub.hub.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;
import org.pdxhub.hub.route.RouteFiles;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The AsyncAPI document the node serves: YAML, AsyncAPI 3, and a channel for every address the
 * node names in {@link Addresses}, so that a new address without its channel fails here.
 */
@QuarkusTest
@TestProfile(RouteFiles.class)
class AsyncApiTest {

    static JsonNode served() throws Exception {
        byte[] yaml = given().when().get("/api/v1/asyncapi.yaml").then().statusCode(200).extract().asByteArray();
        return new ObjectMapper(new YAMLFactory()).readTree(yaml);
    }

    @Test
    void theNodeServesAnAsyncApi3DocumentWithoutAKey() throws Exception {
        JsonNode doc = served();
        assertTrue(doc.path("asyncapi").asText().startsWith("3."), "asyncapi: " + doc.path("asyncapi"));
        for (JsonNode operation : doc.path("operations")) {
            String ref = operation.path("channel").path("$ref").asText();
            assertTrue(ref.startsWith("#/channels/") && doc.path("channels").has(ref.substring("#/channels/".length())),
                    "every operation names a channel of the document: " + ref);
        }
    }

    @Test
    void everyAddressTheNodeNamesHasAChannel() throws Exception {
        JsonNode channels = served().path("channels");
        List<Pattern> declared = new ArrayList<>();
        channels.forEach(c -> declared.add(Pattern.compile(Pattern.quote(c.path("address").asText())
                .replaceAll("\\{[A-Za-z]+}", "\\\\E.+\\\\Q"))));
        List<String> addresses = new ArrayList<>();
        for (Field f : Addresses.class.getDeclaredFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class && !f.getName().equals("NODE_JMS")) {
                addresses.add((String) f.get(null));
            }
        }
        for (Method m : Addresses.class.getDeclaredMethods()) {
            if (Modifier.isStatic(m.getModifiers()) && Modifier.isPublic(m.getModifiers()) && m.getReturnType() == String.class
                    && m.getParameterCount() == 1 && m.getParameterTypes()[0] == String.class) {
                addresses.add((String) m.invoke(null, "GZ-SAMPLE-001"));
            }
        }
        assertTrue(addresses.size() >= 8, "the addresses were found: " + addresses);
        for (String address : addresses) {
            assertEquals(1, declared.stream().filter(p -> p.matcher(address).matches()).count(),
                    "exactly one channel of the AsyncAPI document describes " + address);
        }
    }
}
