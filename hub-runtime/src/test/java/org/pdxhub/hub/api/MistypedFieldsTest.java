package org.pdxhub.hub.api;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

/**
 * A field sent as the wrong kind of JSON value is answered in JSON's words (what to send), never
 * with the Java type the node reads it into: the caller writes JSON and cannot act on
 * {@code java.util.ArrayList<java.util.Map<...>>}.
 */
@QuarkusTest
class MistypedFieldsTest {

    record Mistyped(String key, String path, String body, String field, String expected) {
    }

    static final List<Mistyped> CASES = List.of(
            new Mistyped("demo-system-hrss", "/api/v1/verify/GZ-PSB-POP-001", "{\"records\":\"all\"}", "records",
                    "'records' must be an array of objects"),
            new Mistyped("demo-system-hrss", "/api/v1/verify/GZ-PSB-POP-001", "{\"records\":[\"all\"]}", "records.[0]",
                    "must be an object"),
            new Mistyped("demo-specialist-hrss", "/api/v1/demand-requests", "{\"provider\":\"11513300MB0000003L\",\"fields\":\"name\"}",
                    "fields", "'fields' must be an array of strings"),
            new Mistyped("demo-specialist-hrss", "/api/v1/demand-requests", "{\"provider\":{\"uscc\":\"11513300MB0000003L\"}}",
                    "provider", "'provider' must be a string"),
            new Mistyped("demo-reviewer", "/api/v1/catalog/duty-changes", "{\"organisation\":\"11513300MB0000002H\",\"kind\":\"LAWS\"}",
                    "kind", "must be one of LAW, DUTY"),
            new Mistyped("demo-reviewer", "/api/v1/catalog/duty-changes", "{\"organisation\":\"11513300MB0000002H\",\"changedOn\":\"30/11/2026\"}",
                    "changedOn", "must be a date as a string YYYY-MM-DD"),
            new Mistyped("demo-specialist", "/api/v1/catalog/duty-changes/1/answer", "{\"catalogChange\":\"the last one\"}",
                    "catalogChange", "must be a whole number"),
            new Mistyped("demo-specialist", "/api/v1/corrections/C-1/answer", "{\"accept\":\"maybe\"}", "accept", "must be true or false"),
            new Mistyped("demo-specialist", "/api/v1/corrections/C-1/answer", "{\"accept\":true,\"record\":[1,2]}", "record",
                    "'record' must be an object"));

    @Test
    void aFieldOfTheWrongKindIsAnsweredWithTheKindOfJsonValueToSendNotAJavaType() {
        for (Mistyped m : CASES) {
            given().auth().oauth2(m.key()).contentType("application/json").body(m.body()).post(m.path())
                    .then().statusCode(400).contentType("application/problem+json")
                    .body("field", equalTo(m.field()))
                    .body("detail", containsString(m.expected()))
                    .body("detail", not(containsString("java.")))
                    .body("detail", not(containsString("`")));
        }
    }

    @Test
    void aBodyOfTheWrongKindIsAnsweredWithTheKindToSend() {
        given().auth().oauth2("demo-system-hrss").contentType("application/json").body("[{\"records\":[]}]")
                .post("/api/v1/verify/GZ-PSB-POP-001")
                .then().statusCode(400).body("detail", equalTo("the body must be an object (line 1, column 1)"));
    }
}
