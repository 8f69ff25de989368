package org.pdxhub.hub.catalog;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.pdxhub.hub.store.Sql;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.pdxhub.hub.catalog.CatalogFixtures.*;

/** Art. 40: catalog entries from JSON, CSV and XLSX, all or nothing, with a report per rejected row. */
@QuarkusTest
class CatalogImportTest {

    static final String IMPORT = "/api/v1/catalog/import";
    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    static final List<String> HEADER = List.of("code", "name", "provider", "category", "shareType", "shareConditions",
            "openType", "openBasis", "updateCycle", "keyField", "item", "itemTitle", "type", "personal", "sensitivity",
            "identifierKind", "maskingRule");

    @Inject
    Sql sql;

    @Test
    void aJsonImportCreatesDrafts() {
        given().auth().oauth2(SPECIALIST_SAMR).contentType("application/json")
                .body(Map.of("resources", List.of(draft("T-IMP-J01"), draft("T-IMP-J02"))))
                .post(IMPORT).then().statusCode(201).body("imported", equalTo(2)).body("codes", contains("T-IMP-J01", "T-IMP-J02"));
        as(SPECIALIST_SAMR).get("/api/v1/catalog/resources/T-IMP-J02").then().body("status", equalTo("DRAFT"));
        as(SPECIALIST_SAMR).get("/api/v1/catalog/resources/T-IMP-J01/history").then().body("action", contains("IMPORTED"));
    }

    @Test
    void aCsvImportGroupsOneRowPerItemByCode() {
        String csv = """
                code,name,provider,category,shareType,openType,updateCycle,keyField,item,itemTitle,type,personal,sensitivity,identifierKind,maskingRule
                T-IMP-C01,食品经营许可,11513300MB0000003L,DEPARTMENT,UNCONDITIONAL,UNCONDITIONAL,MONTHLY,uscc,uscc,统一社会信用代码,STRING,否,1,uscc,
                T-IMP-C01,,,,,,,,licence_no,许可证编号,STRING,no,1,,
                T-IMP-C01,,,,,,,,contact_mobile,联系电话,STRING,是,3,mobile,"keep(3,4)"
                """;
        given().auth().oauth2(SPECIALIST_SAMR).contentType("text/csv").body(csv.getBytes(StandardCharsets.UTF_8))
                .post(IMPORT).then().statusCode(201).body("codes", contains("T-IMP-C01"));
        as(SPECIALIST_SAMR).get("/api/v1/catalog/resources/T-IMP-C01").then()
                .body("items.name", contains("uscc", "licence_no", "contact_mobile"))
                .body("items[2].personal", equalTo(true)).body("items[2].maskingRule", equalTo("keep(3,4)"));
    }

    @Test
    void anXlsxImportCreatesDrafts() throws IOException {
        byte[] book = workbook(HEADER, List.of(
                List.of("T-IMP-X01", "特种设备登记", SAMR, "DEPARTMENT", "CONDITIONAL", "用于安全监管", "NONE", "《特种设备安全法》",
                        "QUARTERLY", "device_no", "device_no", "设备编号", "STRING", "false", "1", "", ""),
                List.of("T-IMP-X01", "", "", "", "", "", "", "", "", "", "owner_uscc", "使用单位", "STRING", "false", "1", "uscc", "")));
        given().auth().oauth2(SPECIALIST_SAMR).contentType(XLSX).body(book)
                .post(IMPORT).then().statusCode(201).body("codes", contains("T-IMP-X01"));
        as(SPECIALIST_SAMR).get("/api/v1/catalog/resources/T-IMP-X01").then()
                .body("shareType", equalTo("CONDITIONAL")).body("items", hasSize(2)).body("items[1].identifierKind", equalTo("uscc"));
    }

    @Test
    void anXlsxWithAMissingColumnIsRefusedNamingTheColumn() throws IOException {
        List<String> header = HEADER.stream().filter(c -> !c.equals("sensitivity")).toList();
        byte[] book = workbook(header, List.of(List.of("T-IMP-X02", "x", SAMR, "DEPARTMENT", "UNCONDITIONAL", "", "UNCONDITIONAL", "",
                "MONTHLY", "", "a", "", "STRING", "false", "", "")));
        var before = snapshot(sql);
        given().auth().oauth2(SPECIALIST_SAMR).contentType(XLSX).body(book).post(IMPORT).then()
                .statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("urn:pdx:problem:import-rejected")).body("field", equalTo("sensitivity"))
                .body("rows[0].row", equalTo(1));
        assertEquals(before, snapshot(sql));
    }

    @Test
    void anXlsxWithBadRowsIsRefusedWithItsRowReportAndNothingIsImported() throws IOException {
        byte[] book = workbook(HEADER, List.of(
                // row 2: a good resource, which must not be imported either
                List.of("T-IMP-X03", "good", SAMR, "DEPARTMENT", "UNCONDITIONAL", "", "UNCONDITIONAL", "", "MONTHLY", "",
                        "a", "", "STRING", "false", "1", "", ""),
                // row 3: CONDITIONAL without conditions
                List.of("T-IMP-X04", "conditional", SAMR, "DEPARTMENT", "CONDITIONAL", "", "UNCONDITIONAL", "", "MONTHLY", "",
                        "a", "", "STRING", "false", "1", "", ""),
                // row 4: a second item of T-IMP-X04 with a sensitivity that is no number
                List.of("T-IMP-X04", "", "", "", "", "", "", "", "", "", "b", "", "STRING", "false", "high", "", ""),
                // row 5: the code of a published resource
                List.of("GZ-SAMR-ENT-001", "again", SAMR, "BASE", "UNCONDITIONAL", "", "UNCONDITIONAL", "", "DAILY", "",
                        "a", "", "STRING", "false", "1", "", "")));
        var before = snapshot(sql);
        given().auth().oauth2(SPECIALIST_SAMR).contentType(XLSX).body(book).post(IMPORT).then()
                .statusCode(400).contentType("application/problem+json")
                .body("rows", hasSize(3))
                .body("rows.row", contains(3, 4, 5))
                .body("rows.field", contains("shareConditions", "sensitivity", "code"))
                .body("rows.code", contains("T-IMP-X04", "T-IMP-X04", "GZ-SAMR-ENT-001"));
        assertEquals(before, snapshot(sql));
    }

    @Test
    void aCsvItemRowIsReportedOnItsOwnRow() {
        String csv = """
                code,name,provider,category,shareType,openType,updateCycle,item,type,sensitivity,maskingRule
                T-IMP-C02,x,11513300MB0000003L,DEPARTMENT,UNCONDITIONAL,UNCONDITIONAL,MONTHLY,a,STRING,1,
                T-IMP-C02,,,,,,,b,STRING,7,
                T-IMP-C02,,,,,,,c,STRING,1,shuffle
                """;
        var before = snapshot(sql);
        given().auth().oauth2(SPECIALIST_SAMR).contentType("text/csv").body(csv).post(IMPORT).then().statusCode(400)
                .body("rows.row", contains(3, 4)).body("rows.field", contains("sensitivity", "maskingRule"));
        assertEquals(before, snapshot(sql));
    }

    @Test
    void aSpecialistImportsOnlyTheirOwnOrganisationsResources() {
        Map<String, Object> other = draft("T-IMP-J03");
        other.put("provider", PSB);
        var before = snapshot(sql);
        given().auth().oauth2(SPECIALIST_SAMR).contentType("application/json").body(List.of(draft("T-IMP-J04"), other))
                .post(IMPORT).then().statusCode(400).body("rows.row", contains(2)).body("rows.field", contains("provider"));
        assertEquals(before, snapshot(sql));
    }

    @Test
    void aCodeTwiceInOneFileIsRefused() {
        var before = snapshot(sql);
        given().auth().oauth2(SPECIALIST_SAMR).contentType("application/json").body(List.of(draft("T-IMP-J05"), draft("T-IMP-J05")))
                .post(IMPORT).then().statusCode(400).body("rows.row", contains(2)).body("rows.field", contains("code"));
        given().auth().oauth2(SPECIALIST_SAMR).contentType("application/json").body("{\"resources\": [ {\"code\": 1, ")
                .post(IMPORT).then().statusCode(400).body("rows[0].row", equalTo(0));
        assertEquals(before, snapshot(sql));
    }

    @Test
    void aReviewerDoesNotImport() {
        given().auth().oauth2(REVIEWER).contentType("application/json").body(List.of(draft("T-IMP-J06")))
                .post(IMPORT).then().statusCode(403);
        as(REVIEWER).get("/api/v1/catalog/resources").then().body("code", org.hamcrest.Matchers.not(hasItem("T-IMP-J06")));
    }

    static byte[] workbook(List<String> header, List<List<String>> rows) throws IOException {
        try (XSSFWorkbook book = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sheet = book.createSheet("catalog");
            write(sheet.createRow(0), header);
            for (int r = 0; r < rows.size(); r++) {
                write(sheet.createRow(r + 1), rows.get(r));
            }
            book.write(out);
            return out.toByteArray();
        }
    }

    private static void write(Row row, List<String> cells) {
        for (int c = 0; c < cells.size(); c++) {
            if (!cells.get(c).isEmpty()) {
                row.createCell(c).setCellValue(cells.get(c));
            }
        }
    }
}
