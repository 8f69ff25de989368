package org.pdxhub.hub.store;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.pdxhub.hub.testing.DemoKeys.admin;

/**
 * The same node on PostgreSQL: migrations, seed and the organisation registry. ./hub test starts
 * a throwaway PostgreSQL and sets PDX_TEST_PG_URL; in CI it must be there (./hub test fails
 * otherwise), so this test does not silently skip.
 */
@QuarkusTest
@TestProfile(PostgresStoreTest.OnPostgres.class)
@EnabledIfEnvironmentVariable(named = "PDX_TEST_PG_URL", matches = "jdbc:postgresql:.+")
class PostgresStoreTest {

    /** The node on the throwaway PostgreSQL: other test classes run again on it with this profile. */
    public static class OnPostgres implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "quarkus.datasource.h2.active", "false",
                    "quarkus.datasource.pg.active", "true",
                    // Read at discovery too, when the test may be disabled: never null.
                    "quarkus.datasource.pg.jdbc.url", System.getenv().getOrDefault("PDX_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:1/none"),
                    "quarkus.datasource.pg.username", "pdx",
                    "quarkus.datasource.pg.password", "");
        }
    }

    @Test
    void theNodeRunsOnPostgresWithTheSameMigrations() {
        given().when().get("/q/health").then().statusCode(200)
                .body("checks.find { it.name == 'store' }.data.kind", equalTo("postgresql"))
                .body("checks.find { it.name == 'store' }.status", equalTo("UP"));
        admin().when().get("/api/v1/organisations").then().statusCode(200)
                .body("uscc", hasItem("11513300MB0000002H"));
    }

    @Test
    void aRegisteredOrganisationIsReadBackFromPostgres() {
        admin().body(Map.of("uscc", "11513300MB0000004P", "name", "dup", "kind", "DEPARTMENT", "level", "DEPARTMENT"))
                .when().post("/api/v1/organisations").then().statusCode(409).body("field", equalTo("uscc"));
        admin().when().get("/api/v1/organisations/11513300MB0000004P").then().statusCode(200)
                .body("name", equalTo("甘孜藏族自治州人力资源和社会保障局 (demo)"));
    }
}
