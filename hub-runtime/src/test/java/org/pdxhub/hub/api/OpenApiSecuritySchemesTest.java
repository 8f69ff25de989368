package org.pdxhub.hub.api;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;

/** Swagger UI can try a call only when the document says how callers prove who they are. */
@QuarkusTest
class OpenApiSecuritySchemesTest {

    @Test
    void theDocumentDeclaresTheBearerKeyAndTheSignatureAndLeavesTheConsolePagesOut() {
        given().accept("application/json").get("/q/openapi").then().statusCode(200)
                .body("components.securitySchemes.bearer.type", equalTo("http"))
                .body("components.securitySchemes.bearer.scheme", equalTo("bearer"))
                .body("components.securitySchemes.pdx-signature.in", equalTo("header"))
                .body("components.securitySchemes.pdx-signature.name", equalTo("Pdx-Signature"))
                .body("security.size()", equalTo(2))
                .body("paths", hasKey("/api/v1/node"))
                .body("paths", not(hasKey("/login")))
                .body("paths", not(hasKey("/catalog/{code}")));
    }
}
