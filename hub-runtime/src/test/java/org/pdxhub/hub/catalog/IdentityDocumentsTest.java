package org.pdxhub.hub.catalog;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.pdxhub.plugins.identifiers.CitizenIdCheck;

import java.util.List;
import java.util.Map;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.pdxhub.hub.testing.DemoKeys.system;

/**
 * Art. 10: persons are keyed by citizen ID "and other identity document numbers". The numbers
 * built on GB 11643 that lawful residents hold are accepted by the gate as citizen IDs; they were
 * refused before as an unknown province or a wrong first digit.
 */
@QuarkusTest
class IdentityDocumentsTest {

    static final String POPULATION = "GZ-PSB-POP-001";

    static Map<String, Object> person(String id, String name) {
        return Map.of("citizen_id", id, "person_name", name,
                "birth_date", id.substring(6, 10) + "-" + id.substring(10, 12) + "-" + id.substring(12, 14));
    }

    @Test
    void aTaiwanResidencePermitAndAPermanentResidenceIdAreAccepted() {
        String taiwanResident = withCheckCharacter("83000019900101002");
        String permanentResident = withCheckCharacter("95184019800315001");
        String mistyped = permanentResident.substring(0, 17) + (permanentResident.charAt(17) == '0' ? '1' : '0');
        system().header("Pdx-Person", "公安局人口系统").header("Pdx-Purpose", "人口基础信息汇聚")
                .body(List.of(person(taiwanResident, "林"), person(permanentResident, "Smith"), person(mistyped, "Smith")))
                .when().post("/api/v1/exchange/" + POPULATION + "/records")
                .then().statusCode(202)
                .body("accepted", equalTo(2))
                .body("rejected", hasSize(1)).body("rejected[0].index", equalTo(2)).body("rejected[0].field", equalTo("citizen_id"));
    }

    private static String withCheckCharacter(String first17) {
        return first17 + CitizenIdCheck.checkCharacter(first17);
    }
}
