package org.pdxhub.hub.responsibility;

import io.quarkus.test.junit.QuarkusTest;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The responsibility lists (共享责任清单, art. 17; 开放责任清单, art. 25) come from the published
 * catalog: a department cannot be shown a duty its catalog does not carry, nor miss one it does.
 */
@QuarkusTest
class ResponsibilityListsTest {

    static final String PSB = "11513300MB0000002H";
    static final String SAMR = "11513300MB0000003L";
    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    @Test
    void aDepartmentsSharingListIsItsPublishedCatalog() {
        Map<String, Object> list = given().auth().oauth2("demo-system").get("/api/v1/responsibility-lists/" + PSB + "?kind=sharing")
                .then().statusCode(200).contentType("application/json")
                .body("organisation", equalTo(PSB)).body("kind", equalTo("SHARING"))
                .body("entries.code", hasItem("GZ-PSB-POP-001"))
                .body("entries.find { it.code == 'GZ-PSB-POP-001' }.items", hasItem(containsString("citizen_id")))
                .extract().as(Map.class);
        List<Map<String, Object>> entries = entries(list);
        // Only the department's own published resources, those it must share first.
        List<Map<String, Object>> catalog = given().auth().oauth2("demo-system")
                .get("/api/v1/catalog/resources?provider=" + PSB + "&status=PUBLISHED").then().statusCode(200).extract().path("");
        assertEquals(catalog.stream().map(r -> r.get("code")).sorted().toList(), entries.stream().map(e -> e.get("code")).sorted().toList());
        for (Map<String, Object> e : entries) {
            Map<String, Object> r = catalog.stream().filter(c -> c.get("code").equals(e.get("code"))).findFirst().orElseThrow();
            assertEquals(r.get("shareType"), e.get("classification"), "the classification is the catalog's share type: " + e.get("code"));
            assertEquals(!"NONE".equals(r.get("shareType")), e.get("must"));
        }
        List<Boolean> must = entries.stream().map(e -> Boolean.TRUE.equals(e.get("must"))).toList();
        assertEquals(must.stream().sorted(Comparator.reverseOrder()).toList(), must, "those it must share first");
        given().auth().oauth2("demo-system").get("/api/v1/responsibility-lists/" + SAMR + "?kind=open").then().statusCode(200)
                .body("kind", equalTo("OPEN")).body("entries.code", not(hasItem("GZ-PSB-POP-001")));
    }

    @Test
    void theOpenListAsAWorkbookHasARowPerResourceWithItsOpenType() throws Exception {
        List<Map<String, Object>> json = entries(given().auth().oauth2("demo-system")
                .get("/api/v1/responsibility-lists/" + PSB + "?kind=open").then().statusCode(200).extract().as(Map.class));
        byte[] book = given().auth().oauth2("demo-system").accept(XLSX).get("/api/v1/responsibility-lists/" + PSB + "?kind=open")
                .then().statusCode(200).contentType(XLSX).header("Content-Disposition", containsString(PSB + "-open.xlsx"))
                .extract().asByteArray();
        try (Workbook wb = new XSSFWorkbook(new ByteArrayInputStream(book))) {
            Sheet sheet = wb.getSheet("开放责任清单");
            DataFormatter cells = new DataFormatter();
            List<List<String>> rows = new ArrayList<>();
            for (Row row : sheet) {
                List<String> values = new ArrayList<>();
                for (int c = 0; c < ResponsibilityLists.COLUMNS.size(); c++) {
                    values.add(cells.formatCellValue(row.getCell(c)));
                }
                rows.add(values);
            }
            assertEquals(ResponsibilityLists.COLUMNS, rows.get(0));
            assertEquals(json.size() + 1, rows.size(), "a header and one row per resource");
            for (int n = 0; n < json.size(); n++) {
                Map<String, Object> e = json.get(n);
                List<String> row = rows.get(n + 1);
                assertEquals(String.valueOf(n + 1), row.get(0));
                assertEquals(e.get("code"), row.get(1));
                assertEquals(e.get("classification"), row.get(4));
                assertEquals(Boolean.TRUE.equals(e.get("must")) ? "是" : "否", row.get(5));
                assertEquals(e.get("basis") == null ? "" : e.get("basis"), row.get(7));
                assertEquals(e.get("updateCycle"), row.get(8));
            }
            assertTrue(rows.stream().anyMatch(r -> r.get(1).equals("GZ-PSB-POP-001") && r.get(10).contains("citizen_id")), rows.toString());
        }
        given().auth().oauth2("demo-system").get("/api/v1/responsibility-lists/" + PSB + "?kind=open&format=xlsx").then()
                .statusCode(200).contentType(XLSX);
    }

    @Test
    void aListOfNoKindOrOfAnUnknownDepartmentIsRefusedNamingWhatToChange() {
        given().auth().oauth2("demo-system").get("/api/v1/responsibility-lists/" + PSB).then().statusCode(400)
                .contentType("application/problem+json").body("field", equalTo("kind"));
        given().auth().oauth2("demo-system").get("/api/v1/responsibility-lists/" + PSB + "?kind=everything").then().statusCode(400)
                .body("field", equalTo("kind"));
        given().auth().oauth2("demo-system").get("/api/v1/responsibility-lists/" + PSB + "?kind=open&format=pdf").then().statusCode(400)
                .body("field", equalTo("format"));
        given().auth().oauth2("demo-system").get("/api/v1/responsibility-lists/91510100MA0000000X?kind=open").then().statusCode(404);
        given().get("/api/v1/responsibility-lists/" + PSB + "?kind=open").then().statusCode(401);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> entries(Map<String, Object> list) {
        return (List<Map<String, Object>>) list.get("entries");
    }
}
