package org.pdxhub.hub.api;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.pdxhub.hub.account.Accounts;
import org.pdxhub.hub.account.Sessions;

import java.util.List;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * A number or true/false parameter given something else (a typo, a word, a decimal for a whole
 * number, a number past its type, "yes") is a 400 naming the parameter and what to send, on every
 * path that takes one. JAX-RS alone answers a number that does not parse with a bare 404, as if
 * the path did not exist, and reads any word but "true" as false.
 */
@QuarkusTest
class MistypedParametersTest {

    record Case(String key, String path, String field, String expected) {
        Case(String key, String path, String field) {
            this(key, path, field, "a whole number");
        }
    }

    static final List<Case> API = List.of(
            new Case("demo-admin", "/api/v1/dead-letters?offset=x", "offset"),
            new Case("demo-admin", "/api/v1/dead-letters?limit=ten", "limit"),
            new Case("demo-admin", "/api/v1/usage-log?limit=1e3", "limit"),
            new Case("demo-admin", "/api/v1/usage-log/verify?from=first", "from"),
            new Case("demo-admin", "/api/v1/usage-log?limit=99999999999999", "limit"),
            new Case("demo-specialist", "/api/v1/exchange/GZ-PSB-POP-001/records?offset=1.5", "offset"),
            new Case(null, "/api/v1/open/resources/GZ-SAMR-ENT-001/stats?by=business_status&measure=count&epsilon=half", "epsilon",
                    "a decimal number"),
            new Case(null, "/api/v1/open/resources/GZ-SAMR-ENT-001/stats?by=business_status&measure=count&epsilon=NaN", "epsilon",
                    "a decimal number"),
            new Case("demo-reviewer", "/api/v1/complaints?open=yes", "open", "true or false"),
            new Case("demo-specialist", "/api/v1/corrections?overdue=maybe", "overdue", "true or false"));

    @Inject
    Sessions sessions;

    @Inject
    Accounts accounts;

    @Test
    void aParameterThatIsNotOfItsKindIsA400NamingItNotA404OrAFalse() {
        for (Case c : API) {
            (c.key() == null ? given() : given().auth().oauth2(c.key())).get(c.path())
                    .then().statusCode(400).contentType("application/problem+json")
                    .body("type", equalTo("urn:pdx:problem:invalid-parameter"))
                    .body("field", equalTo(c.field()))
                    .body("detail", containsString("'" + c.field() + "' must be " + c.expected()));
        }
    }

    @Test
    void aConsolePageNumberThatIsNotOneIsRefusedNamingIt() {
        String reviewer = sessions.open(accounts.find("reviewer").orElseThrow()).id();
        for (String path : List.of("/catalog?page=abc", "/catalog/GZ-PSB-POP-001?from=one&to=2")) {
            given().cookie(Sessions.COOKIE, reviewer).redirects().follow(false).get(path)
                    .then().statusCode(400).body(containsString(path.contains("page") ? "page" : "from"));
        }
    }

    @Test
    void wellFormedValuesStillWork() {
        given().auth().oauth2("demo-admin").get("/api/v1/dead-letters?offset=0&limit=5").then().statusCode(200);
        given().auth().oauth2("demo-admin").get("/api/v1/usage-log?limit=3").then().statusCode(200);
        given().auth().oauth2("demo-reviewer").get("/api/v1/complaints?open=TRUE").then().statusCode(200);
        given().auth().oauth2("demo-reviewer").get("/api/v1/complaints").then().statusCode(200);
        given().auth().oauth2("demo-reviewer").get("/api/v1/catalog/duty-changes").then().statusCode(200);
        given().auth().oauth2("demo-reviewer").get("/api/v1/catalog/duty-changes?open=1").then().statusCode(200);
    }
}
