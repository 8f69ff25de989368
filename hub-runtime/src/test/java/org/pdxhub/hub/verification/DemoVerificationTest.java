package org.pdxhub.hub.verification;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.pdxhub.hub.sharing.Grant;
import org.pdxhub.hub.sharing.GrantSource;
import org.pdxhub.hub.sharing.Grants;
import org.pdxhub.hub.store.Sql;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pdxhub.hub.testing.DemoKeys.HRSS;
import static org.pdxhub.hub.testing.DemoKeys.as;
import static org.pdxhub.hub.testing.DemoKeys.system;

/** The README's walk-through, as the demo node answers it: the human resources bureau's verification grant on the population resource. */
@QuarkusTest
class DemoVerificationTest {

    static final String POPULATION = "GZ-PSB-POP-001";

    @Inject
    DemoVerificationGrant demo;

    @Inject
    Grants grants;

    @Inject
    Sql sql;

    @Test
    void theDemoGrantLetsHumanResourcesVerifyNamesAndBirthDatesAgainstThePopulation() {
        for (Grant g : grants.heldBy(HRSS)) {
            if (g.source() == GrantSource.VERIFICATION_REQUEST) {
                grants.revoke(g.id(), "test");
            }
        }
        Grant g = demo.issue().orElseThrow();
        assertTrue(demo.issue().isEmpty(), "issued once");
        system().header("Pdx-Person", enc("公安局人口系统")).header("Pdx-Purpose", enc("人口基础信息汇聚"))
                .body(List.of(Map.of("citizen_id", "513301198504120025", "person_name", "卓玛", "birth_date", "1985-04-12",
                        "address", "四川省甘孜藏族自治州康定市炉城镇", "mobile", "13987654321")))
                .when().post("/api/v1/exchange/" + POPULATION + "/records").then().statusCode(202);
        await().atMost(Duration.ofSeconds(15)).until(() ->
                sql.count("select count(*) from dataset_record where resource_code = ? and payload like ?", POPULATION, "%卓*%") > 0);

        String body = "{\"records\":[{\"citizen_id\":\"513301198504120025\",\"person_name\":\"卓玛\",\"birth_date\":\"1985-04-12\"},"
                + "{\"citizen_id\":\"513301198504120025\",\"person_name\":\"扎西\",\"birth_date\":\"1985-04-12\"},"
                + "{\"citizen_id\":\"513301199001010016\",\"person_name\":\"卓玛\",\"birth_date\":\"1985-04-12\"}]}";
        Response r = as("demo-system-hrss").header("Pdx-Person", enc("人社局社保系统")).header("Pdx-Purpose", "si-identity-check")
                .body(body).when().post("/api/v1/verify/" + POPULATION);
        System.out.println("README answer: " + r.asString());
        r.then().statusCode(200).body("grant", equalTo(g.id()))
                .body("results[0].result", equalTo("MATCH")).body("results[0].fields.person_name", equalTo("MATCH"))
                .body("results[0].fields.birth_date", equalTo("MATCH"))
                .body("results[1].result", equalTo("MISMATCH")).body("results[1].fields.person_name", equalTo("MISMATCH"))
                .body("results[1].fields.birth_date", equalTo("MATCH"))
                .body("results[2].result", equalTo("MISMATCH")).body("results[2].fields.person_name", equalTo("MISMATCH"))
                .body("results[2].fields.birth_date", equalTo("MISMATCH"));
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
