package org.pdxhub.hub.access;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Set;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.pdxhub.hub.testing.DemoKeys.admin;
import static org.pdxhub.hub.testing.DemoKeys.as;
import static org.pdxhub.hub.testing.DemoKeys.specialist;

@QuarkusTest
class ApiKeyAuthTest {

    @Test
    void aCallWithoutKeyIsUnauthenticatedProblem() {
        given().when().get("/api/v1/node")
                .then().statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", "Bearer")
                .body("status", equalTo(401))
                .body("field", equalTo("Authorization"));
    }

    @Test
    void anUnknownKeyIsUnauthenticated() {
        as("not-a-key").when().get("/api/v1/node").then().statusCode(401).body("type", equalTo("urn:pdx:problem:unauthenticated"));
    }

    @Test
    void aKeyOfTheWrongRoleIsForbidden() {
        specialist().body(Map.of("uscc", "11513300MB0000005T", "name", "x", "kind", "DEPARTMENT", "level", "DEPARTMENT"))
                .when().post("/api/v1/organisations")
                .then().statusCode(403)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:pdx:problem:forbidden"));
        admin().when().get("/api/v1/organisations/11513300MB0000005T").then().statusCode(404);
    }

    @Test
    void anIssuedKeyWorksAtOnceAndItsClearFormIsNotStored() {
        admin().body(Map.of("uscc", "12513300MB0000006T", "name", "甘孜州人民医院 (test)", "kind", "PUBLIC_SERVICE", "level", "DEPARTMENT"))
                .when().post("/api/v1/organisations").then().statusCode(201);
        String key = admin().body(Map.of("id", "hospital-system", "holder", "HIS", "roles", Set.of("SYSTEM")))
                .when().post("/api/v1/organisations/12513300MB0000006T/keys")
                .then().statusCode(201)
                .body("key", startsWith("pdx_"))
                .extract().path("key");

        as(key).when().get("/api/v1/node").then().statusCode(200).body("organisation", equalTo("11513300MB0000001E"));
        // The key is usable but the organisation endpoint that needs ADMIN is not.
        as(key).body(Map.of()).when().post("/api/v1/organisations").then().statusCode(403);
    }

    @Test
    void anOrganisationWithABadCheckCharacterIsRefusedNamingTheField() {
        admin().body(Map.of("uscc", "12513300MB0000006A", "name", "x", "kind", "PUBLIC_SERVICE", "level", "DEPARTMENT"))
                .when().post("/api/v1/organisations")
                .then().statusCode(400)
                .body("field", equalTo("uscc"))
                .body("type", equalTo("urn:pdx:problem:invalid-uscc"));
        admin().when().get("/api/v1/organisations/12513300MB0000006A").then().statusCode(404);
    }

    @Test
    void anUnknownEnumValueSaysWhichValuesAreAllowed() {
        admin().body(Map.of("uscc", "12513300MB0000006T", "name", "x", "kind", "HOSPITAL", "level", "DEPARTMENT"))
                .when().post("/api/v1/organisations")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("field", equalTo("kind"))
                .body("detail", org.hamcrest.Matchers.containsString("PUBLIC_SERVICE"));
    }

    @Test
    void malformedJsonIsAProblemNotAnError() {
        admin().body("{\"uscc\": ").when().post("/api/v1/organisations")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:pdx:problem:malformed-body"));
    }
}
