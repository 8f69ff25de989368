package org.pdxhub.hub.catalog;

import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import org.pdxhub.hub.store.Sql;

import java.sql.ResultSetMetaData;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;

/** Demo keys and organisations, draft bodies, and a snapshot of every catalog table. */
final class CatalogFixtures {

    static final String PSB = "11513300MB0000002H";
    static final String SAMR = "11513300MB0000003L";
    static final String HRSS = "11513300MB0000004P";
    static final String SPECIALIST_PSB = "demo-specialist";
    static final String SPECIALIST_SAMR = "demo-specialist-market";
    static final String SPECIALIST_HRSS = "demo-specialist-hrss";
    static final String REVIEWER = "demo-reviewer";
    static final String ADMIN = "demo-admin";
    static final String SYSTEM = "demo-system";

    static final List<String> TABLES = List.of("catalog_resource", "catalog_revision", "catalog_item", "catalog_change",
            "catalog_transition", "catalog_duty_change");

    private CatalogFixtures() {
    }

    static RequestSpecification as(String key) {
        return given().auth().oauth2(key).contentType("application/json");
    }

    /** A valid draft of the market regulator: unconditionally shared and open, one item. */
    static Map<String, Object> draft(String code) {
        Map<String, Object> d = new HashMap<>();
        d.put("code", code);
        d.put("name", "测试资源 " + code);
        d.put("provider", SAMR);
        d.put("description", "a resource made by a test");
        d.put("category", "DEPARTMENT");
        d.put("shareType", "UNCONDITIONAL");
        d.put("openType", "UNCONDITIONAL");
        d.put("updateCycle", "MONTHLY");
        d.put("format", "API (JSON)");
        d.put("keyField", "uscc");
        d.put("items", new ArrayList<>(List.of(
                item("uscc", "STRING", false, 1, "uscc", null),
                item("licence_no", "STRING", false, 1, null, null))));
        return d;
    }

    static Map<String, Object> item(String name, String type, boolean personal, int sensitivity, String identifierKind, String maskingRule) {
        Map<String, Object> i = new HashMap<>();
        i.put("name", name);
        i.put("type", type);
        i.put("personal", personal);
        i.put("sensitivity", sensitivity);
        if (identifierKind != null) {
            i.put("identifierKind", identifierKind);
        }
        if (maskingRule != null) {
            i.put("maskingRule", maskingRule);
        }
        return i;
    }

    static ValidatableResponse create(String key, Map<String, Object> draft) {
        return as(key).body(draft).post("/api/v1/catalog/resources").then();
    }

    /** The security and secrecy review (art. 25) a reviewer fills in to publish a resource declared open. */
    static final Map<String, Object> OPENING_REVIEW = Map.of(
            "deIdentificationMethod", "个人信息项按开放脱敏规则掩码, 统一社会信用代码保留",
            "consentOrLegalBasis", "《四川省公共数据开放条例》第二十条; 开放清单测试条目",
            "secrecyClassificationChecked", "对照保密事项范围目录核查: 不涉及国家秘密和工作秘密");

    /** Drafts, submits and approves a resource of the market regulator: version 1, published. */
    static void publish(Map<String, Object> draft) {
        String key = switch ((String) draft.get("provider")) {
            case PSB -> SPECIALIST_PSB;
            case HRSS -> SPECIALIST_HRSS;
            default -> SPECIALIST_SAMR;
        };
        String code = (String) draft.get("code");
        create(key, draft).statusCode(201);
        as(key).post("/api/v1/catalog/resources/" + code + "/submit").then().statusCode(200);
        as(REVIEWER).body(Map.of("decision", "APPROVE", "comment", "ok", "securityReview", OPENING_REVIEW))
                .post("/api/v1/catalog/resources/" + code + "/review").then().statusCode(200);
    }

    /** Every row of every catalog table: equal before and after a refused call means nothing changed. */
    static Map<String, List<Map<String, Object>>> snapshot(Sql sql) {
        Map<String, List<Map<String, Object>>> all = new LinkedHashMap<>();
        for (String table : TABLES) {
            all.put(table, sql.list("select * from " + table + " order by 1, 2", rs -> {
                ResultSetMetaData meta = rs.getMetaData();
                Map<String, Object> row = new LinkedHashMap<>();
                for (int c = 1; c <= meta.getColumnCount(); c++) {
                    Object v = rs.getObject(c);
                    row.put(meta.getColumnName(c), v == null ? null : v.toString());
                }
                return row;
            }));
        }
        return all;
    }
}
