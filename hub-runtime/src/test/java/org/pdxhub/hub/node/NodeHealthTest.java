package org.pdxhub.hub.node;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItems;

@QuarkusTest
class NodeHealthTest {

    @Test
    void healthIsUpWithBrokerClusterAndStoreChecks() {
        given().when().get("/q/health")
                .then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItems("broker", "cluster", "store"))
                .body("checks.find { it.name == 'broker' }.data.embedded", equalTo(true))
                .body("checks.find { it.name == 'cluster' }.data.members", greaterThanOrEqualTo(1))
                .body("checks.find { it.name == 'store' }.data.kind", equalTo("h2"));
    }

    @Test
    void metricsIncludeCamelAndAreOpenWithoutKey() {
        String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        org.junit.jupiter.api.Assertions.assertTrue(metrics.contains("camel_"), "Camel metrics are exported");
    }

    @Test
    void openApiDocumentDescribesTheApi() {
        given().when().get("/q/openapi?format=json")
                .then().statusCode(200)
                .body("info.title", equalTo("PDX Hub"))
                .body("paths.keySet()", hasItems("/api/v1/node", "/api/v1/organisations"));
    }
}
