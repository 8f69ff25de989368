package org.pdxhub.hub.sharing;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.specification.RequestSpecification;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.Message;
import jakarta.jms.QueueBrowser;
import org.pdxhub.hub.store.Sql;

import java.nio.charset.StandardCharsets;
import java.sql.ResultSetMetaData;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;

/** Demo keys, a clock the test moves, catalog resources made for a test, the notify queue, and table snapshots. */
final class RequestFixtures {

    static final String AGENCY = "11513300MB0000001E";
    static final String PSB = "11513300MB0000002H";
    static final String SAMR = "11513300MB0000003L";
    static final String HRSS = "11513300MB0000004P";
    static final String KANGDING = "11513301MB0000001W";
    static final String POPULATION = "GZ-PSB-POP-001";
    static final String ENTITIES = "GZ-SAMR-ENT-001";
    static final String SPECIALIST_PSB = "demo-specialist";
    static final String SPECIALIST_SAMR = "demo-specialist-market";
    static final String SPECIALIST_HRSS = "demo-specialist-hrss";
    static final String REVIEWER = "demo-reviewer";
    static final String ADMIN = "demo-admin";
    static final String SYSTEM_PSB = "demo-system";
    static final String SYSTEM_HRSS = "demo-system-hrss";
    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    /** The codes of the security measures the node states by default (pdx.sharing.security-measures). */
    static final List<String> MEASURES = List.of("transport", "access-log", "purpose-only", "delete-after-use");

    private RequestFixtures() {
    }

    /** A clock the test moves, at 10:00 Shanghai time of a day. */

    static RequestSpecification as(String key) {
        return given().auth().oauth2(key).contentType("application/json");
    }

    static RequestSpecification anyone() {
        return given().contentType("application/json");
    }

    /** A share request body for the fields given. */
    static Map<String, Object> ask(String resource, String... fields) {
        Map<String, Object> m = new HashMap<>();
        m.put("resource", resource);
        m.put("fields", List.of(fields));
        m.put("purpose", "企业开办审批核验");
        return m;
    }

    /** The statements a CONDITIONAL request carries, and its acceptance of each stated security measure (art. 18). */
    static Map<String, Object> conditional(Map<String, Object> m) {
        m.put("scenario", "社会保险参保登记时核验参保人身份");
        m.put("basis", "《社会保险法》第五十七条");
        m.put("goal", "参保登记一次办结");
        m.put("securityMeasures", "专线传输，访问留痕，数据不落地");
        m.put("commitment", "本单位承诺所填内容真实，数据使用安全、合规");
        m.put("acceptedMeasures", MEASURES);
        return m;
    }

    /** Drafts, submits and approves a resource of the market regulator with the types given. */
    static void publishMarketResource(String code, String shareType, String openType) {
        Map<String, Object> d = new HashMap<>();
        d.put("code", code);
        d.put("name", "测试资源 " + code);
        d.put("provider", SAMR);
        d.put("description", "a resource made by a test");
        d.put("category", "DEPARTMENT");
        d.put("shareType", shareType);
        d.put("openType", openType);
        switch (shareType) {
            case "CONDITIONAL" -> d.put("shareConditions", "仅用于市场监管协同");
            case "NONE" -> d.put("shareBasis", "《反不正当竞争法》关于商业秘密的规定");
            default -> {
            }
        }
        switch (openType) {
            case "CONDITIONAL" -> d.put("openConditions", "仅向从事信用服务的机构开放，用于信用评估");
            case "NONE" -> d.put("openBasis", "《反不正当竞争法》关于商业秘密的规定");
            default -> {
            }
        }
        d.put("updateCycle", "MONTHLY");
        d.put("keyField", "uscc");
        d.put("items", List.of(item("uscc", "STRING", false), item("licence_no", "STRING", false), item("owner_name", "STRING", true)));
        as(SPECIALIST_SAMR).body(d).post("/api/v1/catalog/resources").then().statusCode(201);
        as(SPECIALIST_SAMR).post("/api/v1/catalog/resources/" + code + "/submit").then().statusCode(200);
        // A resource declared open is published with the security and secrecy review (art. 25).
        as(REVIEWER).body(Map.of("decision", "APPROVE", "comment", "ok", "securityReview", Map.of(
                        "deIdentificationMethod", "个人信息项按开放脱敏规则掩码, 统一社会信用代码保留",
                        "consentOrLegalBasis", "《四川省公共数据开放条例》第二十条; 开放清单测试条目",
                        "secrecyClassificationChecked", "对照保密事项范围目录核查: 不涉及国家秘密和工作秘密")))
                .post("/api/v1/catalog/resources/" + code + "/review").then().statusCode(200);
    }

    private static Map<String, Object> item(String name, String type, boolean personal) {
        Map<String, Object> i = new HashMap<>();
        i.put("name", name);
        i.put("type", type);
        i.put("personal", personal);
        i.put("sensitivity", personal ? 2 : 1);
        if (name.equals("uscc")) {
            i.put("identifierKind", "uscc");
        }
        return i;
    }

    /** The notifications on pdx.notify, as maps, without consuming them. */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> notifications(ConnectionFactory factory, ObjectMapper json) throws Exception {
        List<Map<String, Object>> out = new ArrayList<>();
        try (JMSContext ctx = factory.createContext(); QueueBrowser browser = ctx.createBrowser(ctx.createQueue("pdx.notify"))) {
            for (Message m : Collections.list((java.util.Enumeration<Message>) browser.getEnumeration())) {
                out.add(json.readValue(new String(m.getBody(byte[].class), StandardCharsets.UTF_8), Map.class));
            }
        }
        return out;
    }

    /** Every row of the request and grant tables: equal before and after a refused call means nothing changed. */
    static Map<String, List<Map<String, Object>>> snapshot(Sql sql) {
        Map<String, List<Map<String, Object>>> all = new LinkedHashMap<>();
        for (String table : List.of("data_request", "data_request_step", "grant_record", "emergency_sealing")) {
            all.put(table, sql.list("select * from " + table + " order by 1", rs -> {
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
