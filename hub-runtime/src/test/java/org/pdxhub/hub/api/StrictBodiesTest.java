package org.pdxhub.hub.api;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * A misspelt field is named, on every endpoint of the periodic reviews, follow-ups, complaints,
 * corrections, emergency grants, verification and leak traces: the caller learns which field to rename, not that another
 * field is missing. A path parameter that cannot be what it names is a 400 naming it, not a 404.
 */
@QuarkusTest
class StrictBodiesTest {

    record Call(String key, String path, Map<String, Object> body) {
    }

    static final String UNKNOWN = "reasonn";

    static final List<Call> CALLS = List.of(
            new Call("demo-specialist", "/api/v1/corrections", Map.of("resource", "GZ-PSB-POP-001", UNKNOWN, "x")),
            new Call("demo-specialist", "/api/v1/corrections/C-1/answer", Map.of("accept", false, UNKNOWN, "x")),
            new Call("demo-reviewer", "/api/v1/reassessments/GZ-PSB-POP-001/conclusion", Map.of("conclusion", "KEEP", UNKNOWN, "x")),
            new Call("demo-reviewer", "/api/v1/use-reviews/G-1/conclusion", Map.of("conclusion", "CONTINUE", UNKNOWN, "x")),
            new Call("demo-specialist", "/api/v1/demand-follow-ups/F-1/close", Map.of(UNKNOWN, "x")),
            new Call("demo-reviewer", "/api/v1/complaints", Map.of("source", "HOTLINE_12345", UNKNOWN, "x")),
            new Call("demo-reviewer", "/api/v1/complaints/K-1/answer", Map.of(UNKNOWN, "x")),
            new Call(null, "/api/v1/open/complaints", Map.of(UNKNOWN, "x")),
            new Call("demo-specialist", "/api/v1/grants/G-1/sealing/confirmation", Map.of(UNKNOWN, "x")),
            new Call("demo-reviewer", "/api/v1/open-applications/R-1/identity", Map.of(UNKNOWN, "x")),
            new Call(null, "/api/v1/open/applications", Map.of(UNKNOWN, "x")),
            new Call("demo-system-hrss", "/api/v1/verify/GZ-PSB-POP-001", Map.of("records", List.of(), UNKNOWN, "x")),
            new Call("demo-specialist-hrss", "/api/v1/verification-requests", Map.of("resource", "GZ-PSB-POP-001", UNKNOWN, "x")),
            new Call("demo-reviewer", "/api/v1/leaks/trace", Map.of("resource", "GZ-PSB-POP-001", UNKNOWN, "x")),
            new Call("demo-specialist-hrss", "/api/v1/share-requests", Map.of("resource", "GZ-PSB-POP-001", UNKNOWN, "x")),
            new Call("demo-specialist-hrss", "/api/v1/demand-requests", Map.of("provider", "11513300MB0000003L", UNKNOWN, "x")),
            new Call("demo-specialist", "/api/v1/return-requests", Map.of("resource", "GZ-PSB-POP-001", UNKNOWN, "x")),
            new Call("demo-reviewer", "/api/v1/catalog/resources/GZ-PSB-POP-001/review", Map.of("decision", "APPROVE", UNKNOWN, "x")),
            new Call("demo-admin", "/api/v1/organisations", Map.of("uscc", "11513300MB0000002H", UNKNOWN, "x")),
            new Call("demo-reviewer", "/api/v1/reports", Map.of("period", "2026-10", UNKNOWN, "x")));

    @Test
    void anUnknownFieldIsNamedOnEveryNewEndpoint() {
        for (Call c : CALLS) {
            var request = given().contentType("application/json").body(c.body());
            if (c.key() != null) {
                request = request.auth().oauth2(c.key());
            }
            request.post(c.path()).then().statusCode(400).contentType("application/problem+json")
                    .body("field", equalTo(UNKNOWN)).body("detail", containsString("unknown field '" + UNKNOWN + "'"));
        }
    }

    @Test
    void aResponsibilityListOfSomethingThatIsNoUsccIsABadRequestNamingUscc() {
        given().auth().oauth2("demo-reviewer").get("/api/v1/responsibility-lists/not-a-uscc?kind=sharing").then().statusCode(400)
                .contentType("application/problem+json").body("field", equalTo("uscc")).body("detail", containsString("not-a-uscc"));
        given().auth().oauth2("demo-admin").get("/api/v1/organisations/11513300mb0000002h").then().statusCode(400)
                .body("field", equalTo("uscc"));
        given().auth().oauth2("demo-reviewer").get("/api/v1/responsibility-lists/11513300MB0000002H?kind=sharing").then().statusCode(200);
    }
}
