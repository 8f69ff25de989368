package org.pdxhub.hub.exchange;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.Message;
import jakarta.jms.QueueBrowser;
import org.apache.qpid.protonj2.client.Client;
import org.apache.qpid.protonj2.client.Connection;
import org.apache.qpid.protonj2.client.Sender;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.pdxhub.hub.node.HubConfig;
import org.pdxhub.hub.sharing.GrantSource;
import org.pdxhub.hub.sharing.Grants;
import org.pdxhub.hub.store.Sql;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pdxhub.hub.testing.DemoKeys.HRSS;
import static org.pdxhub.hub.testing.DemoKeys.as;
import static org.pdxhub.hub.testing.DemoKeys.system;

/** Records in through REST and AMQP, through the gate, landed, and read by a grant holder. */
@QuarkusTest
public class ExchangeFlowTest {

    static final String POPULATION = "GZ-PSB-POP-001";
    /** Valid check digits, Kangding (513301); used nowhere else, so a search for them is exact. */
    static final String ID_A = "513301198504120025";
    static final String ID_B = "513322197708150012";
    static final String ID_BAD = "513301198504120021";
    static final String MOBILE = "13987654321";

    @Inject
    Sql sql;

    @Inject
    Grants grants;

    @Inject
    ConnectionFactory connectionFactory;

    @Inject
    HubConfig hub;

    @ConfigProperty(name = "pdx.broker.amqp-port")
    int amqpPort;

    static Map<String, Object> person(String id, String name) {
        return Map.of("citizen_id", id, "person_name", name, "birth_date", id.substring(6, 10) + "-" + id.substring(10, 12) + "-" + id.substring(12, 14),
                "address", "四川省甘孜藏族自治州康定市炉城镇光明路12号", "mobile", MOBILE);
    }

    @Test
    void recordsSentByTheProviderAreMaskedLandedAndNoRawIdIsFoundDownstream() throws Exception {
        system().header("Pdx-Person", "公安局人口系统").header("Pdx-Purpose", "人口基础信息汇聚")
                .body(List.of(person(ID_A, "卓玛"), person(ID_BAD, "扎西")))
                .when().post("/api/v1/exchange/" + POPULATION + "/records")
                .then().statusCode(202)
                .body("accepted", equalTo(1))
                .body("rejected", hasSize(1))
                .body("rejected[0].index", equalTo(1))
                .body("rejected[0].field", equalTo("citizen_id"))
                .body("rejected[0].reason", not(containsString(ID_BAD)));

        await().atMost(Duration.ofSeconds(10)).until(() -> payloads().stream().anyMatch(p -> p.contains("卓")));

        List<String> downstream = new ArrayList<>(payloads());
        downstream.addAll(sql.list("select * from usage_log", rs -> {
            StringBuilder row = new StringBuilder();
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                row.append(rs.getString(i)).append('|');
            }
            return row.toString();
        }));
        downstream.addAll(deadLetters());
        downstream.add(Files.readString(java.nio.file.Path.of("target/test-node.log")));
        downstream.add(journal());
        for (String raw : List.of(ID_A, ID_BAD, MOBILE, "卓玛", "扎西", "光明路")) {
            assertTrue(downstream.stream().noneMatch(s -> s.contains(raw)), raw + " found downstream");
        }
        assertTrue(payloads().stream().anyMatch(p -> p.contains("139****4321")), "the mobile is kept 3+4");
    }

    /** The grant's approved purpose, percent-encoded: a header carries Chinese text only so, or as UTF-8 bytes. */
    private static final String SOCIAL_INSURANCE_CHECK = URLEncoder.encode("社保资格核验", StandardCharsets.UTF_8);

    @Test
    void aGrantHolderReadsOnlyTheGrantedFieldsMasked() {
        ingest(ID_B, "格桑");
        await().atMost(Duration.ofSeconds(10)).until(() -> payloads().stream().anyMatch(p -> p.contains("格")));

        as("demo-system-hrss").header("Pdx-Person", "人社局张科员").header("Pdx-Purpose", SOCIAL_INSURANCE_CHECK)
                .when().get("/api/v1/exchange/" + POPULATION + "/records")
                .then().statusCode(403)
                .contentType("application/problem+json")
                .body("rule", equalTo("grant.missing"));

        grants.issue(HRSS, POPULATION, Set.of("citizen_id", "person_name"), Set.of(), "社保资格核验",
                Instant.now().minusSeconds(5), Instant.now().plus(Duration.ofDays(30)), GrantSource.SEED, null, null, null, "test");

        List<Map<String, Object>> records = as("demo-system-hrss").header("Pdx-Person", "人社局张科员").header("Pdx-Purpose", SOCIAL_INSURANCE_CHECK)
                .when().get("/api/v1/exchange/" + POPULATION + "/records?limit=1000")
                .then().statusCode(200)
                .extract().path("records");
        assertFalse(records.isEmpty());
        for (Map<String, Object> r : records) {
            assertEquals(Set.of("citizen_id", "person_name"), r.keySet(), "only granted fields");
            assertFalse(String.valueOf(r.get("citizen_id")).startsWith("5133"), "the key is a pseudonym");
        }
        assertTrue(records.stream().anyMatch(r -> "格*".equals(r.get("person_name"))), records.toString());

        as("demo-system-hrss").header("Pdx-Person", "人社局张科员").header("Pdx-Purpose", SOCIAL_INSURANCE_CHECK)
                .when().get("/api/v1/exchange/" + POPULATION + "/records?fields=mobile")
                .then().statusCode(403).body("rule", equalTo("grant.fields-exceeded"));
    }

    @Test
    void aDepartmentSystemSendsThroughAmqpAndARefusedMessageGoesToTheDeadLetterAddress() throws Exception {
        String id = "513323199101010019";
        try (Client client = Client.create();
             Connection connection = client.connect("127.0.0.1", amqpPort,
                     new org.apache.qpid.protonj2.client.ConnectionOptions().user(org.pdxhub.hub.testing.DemoKeys.PSB).password("demo-system"));
             Sender sender = connection.openSender("pdx.in." + POPULATION)) {
            var good = org.apache.qpid.protonj2.client.Message.create(
                    "[{\"citizen_id\":\"" + id + "\",\"person_name\":\"次仁\",\"mobile\":\"" + MOBILE + "\"}]");
            good.property("PdxPerson", "公安局人口系统");
            good.property("PdxPurpose", "人口基础信息汇聚");
            sender.send(good).awaitSettlement();

            var anonymous = org.apache.qpid.protonj2.client.Message.create("[{\"citizen_id\":\"" + id + "\"}]");
            anonymous.property("PdxPurpose", "人口基础信息汇聚");
            anonymous.property("PdxMessageId", "no-person-1");
            sender.send(anonymous).awaitSettlement();
        }
        await().atMost(Duration.ofSeconds(15)).until(() -> payloads().stream().anyMatch(p -> p.contains("次")));
        await().atMost(Duration.ofSeconds(15)).until(() -> deadLetters().stream().anyMatch(d -> d.contains("no-person-1")));
        String letter = deadLetters().stream().filter(d -> d.contains("no-person-1")).findFirst().orElseThrow();
        assertTrue(letter.contains("caller.person-missing"), letter);
        assertFalse(letter.contains(id), "the dead letter holds no raw ID");
    }

    @Test
    void whenTheUsageLogCannotBeWrittenTheSenderIsToldAndNothingLands() {
        String id = "513325199207070012";
        long before = payloads().size();
        sql.update("alter table usage_log rename to usage_log_away");
        try {
            system().header("Pdx-Person", "公安局人口系统").header("Pdx-Purpose", "人口基础信息汇聚")
                    .body(List.of(person(id, "白玛")))
                    .when().post("/api/v1/exchange/" + POPULATION + "/records")
                    .then().statusCode(503)
                    .contentType("application/problem+json")
                    .body("detail", not(containsString(id)));
        } finally {
            sql.update("alter table usage_log_away rename to usage_log");
        }
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3)).until(() -> payloads().size() == before);
        assertTrue(payloads().stream().noneMatch(p -> p.contains("白")), "nothing of the refused message landed");
    }

    @Test
    void anUncataloguedResourceMovesNowhere() {
        system().header("Pdx-Person", "p").header("Pdx-Purpose", "q").body(List.of(Map.of("a", 1)))
                .when().post("/api/v1/exchange/GZ-NOPE-001/records")
                .then().statusCode(404).body("type", equalTo("urn:pdx:problem:resource.not-published"));
    }

    @Test
    void csvRecordsAreTypedByTheGate() {
        String csv = "citizen_id,person_name,birth_date,mobile\n513324198802020019,拉姆,1988-02-02,13800138000\n";
        system().contentType("text/csv").header("Pdx-Person", "公安局人口系统").header("Pdx-Purpose", "人口基础信息汇聚").body(csv)
                .when().post("/api/v1/exchange/" + POPULATION + "/records")
                .then().statusCode(202).body("accepted", equalTo(1));
    }

    /**
     * A message sent without {@code Pdx-Message-Id} is named by the node with an id that follows the
     * clock (UUID version 7): the indexes on message ids (the usage log's, landed messages', trails')
     * take such ids at their end instead of on a random leaf each (TimeOrderedIds).
     */
    @Test
    void aMessageSentWithoutAnIdIsNamedInTheOrderItCame() {
        List<String> ids = new ArrayList<>();
        for (String id : List.of(ID_A, ID_A)) {
            ids.add(system().header("Pdx-Person", "公安局人口系统").header("Pdx-Purpose", "人口基础信息汇聚")
                    .body(List.of(person(id, "卓玛"))).when().post("/api/v1/exchange/" + POPULATION + "/records")
                    .then().statusCode(202).extract().path("messageId"));
        }
        for (String id : ids) {
            assertEquals(7, java.util.UUID.fromString(id).version(), id);
        }
        assertTrue(ids.get(0).compareTo(ids.get(1)) < 0 || ids.get(0).substring(0, 13).equals(ids.get(1).substring(0, 13)),
                "the later message's id sorts after the earlier one's, or both were named in the same millisecond: " + ids);
        await().atMost(Duration.ofSeconds(10)).until(() -> sql.list("select message_id from usage_log where message_id in (?, ?)",
                rs -> rs.getString(1), ids.get(0), ids.get(1)).size() == 2);
    }

    private void ingest(String id, String name) {
        system().header("Pdx-Person", "公安局人口系统").header("Pdx-Purpose", "人口基础信息汇聚").body(List.of(person(id, name)))
                .when().post("/api/v1/exchange/" + POPULATION + "/records").then().statusCode(202);
    }

    /**
     * The broker's journal, bindings and paging files as text in the encodings a message body
     * or property can take there (UTF-8 bodies, UTF-16 strings), so a search for a raw value is exact.
     */
    private String journal() throws java.io.IOException {
        StringBuilder all = new StringBuilder();
        try (var files = Files.walk(hub.dataDir().resolve("broker"))) {
            for (java.nio.file.Path f : files.filter(Files::isRegularFile).toList()) {
                byte[] bytes = Files.readAllBytes(f);
                all.append(new String(bytes, java.nio.charset.StandardCharsets.UTF_8));
                all.append(new String(bytes, java.nio.charset.StandardCharsets.UTF_16LE));
                all.append(new String(bytes, java.nio.charset.StandardCharsets.UTF_16BE));
            }
        }
        assertTrue(all.length() > 0, "the journal was read");
        return all.toString();
    }

    private List<String> payloads() {
        return sql.list("select payload from dataset_record where resource_code = ?", rs -> rs.getString(1), POPULATION);
    }

    private List<String> deadLetters() throws Exception {
        List<String> out = new ArrayList<>();
        try (JMSContext ctx = connectionFactory.createContext(); QueueBrowser browser = ctx.createBrowser(ctx.createQueue("pdx.dlq"))) {
            for (Message m : Collections.list((java.util.Enumeration<Message>) browser.getEnumeration())) {
                byte[] body = m.getBody(byte[].class);
                out.add(new String(body, java.nio.charset.StandardCharsets.UTF_8) + "|" + m.getStringProperty("PdxRule"));
            }
        }
        return out;
    }
}
