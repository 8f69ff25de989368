package org.pdxhub.hub.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
                .body("components.securitySchemes", not(hasKey("SecurityScheme")))
                .body("security.size()", equalTo(2))
                .body("paths", hasKey("/api/v1/node"))
                .body("paths", not(hasKey("/login")))
                .body("paths", not(hasKey("/catalog/{code}")));
    }

    /**
     * Each operation says what it takes, since an operation's requirement overrides the
     * document's: Quarkus's own OpenID Connect scheme, which no API call accepts, had Swagger UI
     * send no key on 121 calls, and the public's calls were documented as needing one.
     */
    @Test
    void everyOperationTakesTheKeyOrTheSignatureWithItsRolesOrNothingWhenItIsPublic() throws Exception {
        JsonNode doc = new ObjectMapper().readTree(given().accept("application/json").get("/q/openapi").then().statusCode(200)
                .extract().asString());
        List<String> wrong = new ArrayList<>();
        int open = 0;
        int keyed = 0;
        for (var path : (Iterable<java.util.Map.Entry<String, JsonNode>>) doc.get("paths")::fields) {
            for (var op : (Iterable<java.util.Map.Entry<String, JsonNode>>) path.getValue()::fields) {
                if (!op.getValue().has("responses")) {
                    continue;
                }
                JsonNode security = op.getValue().get("security");
                String where = op.getKey().toUpperCase() + " " + path.getKey();
                if (path.getKey().startsWith("/api/v1/open/")) {
                    open++;
                    if (security == null || security.size() != 1 || security.get(0).size() != 0) {
                        wrong.add(where + " is public, yet says " + security);
                    }
                } else if (security != null && security.size() == 2 && security.get(0).has("bearer") && security.get(1).has("pdx-signature")) {
                    keyed++;
                } else if (!path.getKey().equals("/api/v1/asyncapi.yaml")) {
                    wrong.add(where + " says " + security);
                }
            }
        }
        assertTrue(wrong.isEmpty(), String.join("\n", wrong));
        assertTrue(open >= 10 && keyed >= 100, open + " public, " + keyed + " keyed");
        JsonNode calendar = doc.at("/paths/~1api~1v1~1calendar~1years~1{year}/post/security");
        assertEquals("[{\"bearer\":[\"ADMIN\"]},{\"pdx-signature\":[\"ADMIN\"]}]", calendar.toString(), "the roles Quarkus found are kept");
    }
}
