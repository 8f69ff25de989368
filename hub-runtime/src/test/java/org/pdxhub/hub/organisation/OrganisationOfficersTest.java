package org.pdxhub.hub.organisation;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.hamcrest.Matchers.equalTo;
import static org.pdxhub.hub.testing.DemoKeys.admin;
import static org.pdxhub.hub.testing.DemoKeys.specialist;

/** Art. 7: each unit names a chief data officer and a data specialist, and others can find them. */
@QuarkusTest
class OrganisationOfficersTest {

    @Test
    void anOrganisationIsRegisteredWithItsChiefDataOfficerAndSpecialist() {
        admin().body(Map.of("uscc", "12513300MB0000071J", "name", "甘孜州疾病预防控制中心 (test)", "kind", "PUBLIC_SERVICE",
                        "level", "DEPARTMENT", "chiefDataOfficer", "疾控中心副主任 (test)", "dataSpecialist", "信息科数据专员 (test)"))
                .when().post("/api/v1/organisations").then().statusCode(201);

        // Another department's specialist, who has a request to route, finds whom to ask.
        specialist().when().get("/api/v1/organisations/12513300MB0000071J")
                .then().statusCode(200)
                .body("chiefDataOfficer", equalTo("疾控中心副主任 (test)"))
                .body("dataSpecialist", equalTo("信息科数据专员 (test)"));
    }

    @Test
    void onlyAnAdministratorRegistersAnOrganisation() {
        specialist().body(Map.of("uscc", "12513300MB0000072M", "name", "x", "kind", "PUBLIC_SERVICE", "level", "DEPARTMENT"))
                .when().post("/api/v1/organisations").then().statusCode(403);
        admin().when().get("/api/v1/organisations/12513300MB0000072M").then().statusCode(404);
    }
}
