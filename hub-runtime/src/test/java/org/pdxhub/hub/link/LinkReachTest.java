package org.pdxhub.hub.link;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.Message;
import jakarta.jms.QueueBrowser;
import org.apache.qpid.protonj2.client.Client;
import org.apache.qpid.protonj2.client.Connection;
import org.apache.qpid.protonj2.client.ConnectionOptions;
import org.apache.qpid.protonj2.client.Sender;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.pdxhub.hub.access.ApiKeys;
import org.pdxhub.hub.access.Role;
import org.pdxhub.hub.store.Sql;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A linked node relays only what it may: a child, records of the organisations below it (its
 * own and those configured under it) and of a resource's catalog provider; the parent, returns
 * to organisations served here or below a child. The messages are put on {@code pdx.link.in}
 * as a linked node's broker user, as a bridge would.
 */
@QuarkusTest
@TestProfile(LinkReachTest.ChildAndParent.class)
public class LinkReachTest {

    static final String PSB = "11513300MB0000002H";
    static final String MARKET = "11513300MB0000003L";
    static final String HRSS = "11513300MB0000004P";
    static final String PROVINCE = "11510000MB0000001R";
    static final String POPULATION = "GZ-PSB-POP-001";
    static final String ENTERPRISES = "GZ-SAMR-ENT-001";

    /** The public security bureau's department node below this prefecture node, reaching the HR bureau; the province above. */
    public static class ChildAndParent implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.ofEntries(
                    Map.entry("pdx.node.children[0].id", "psb-node"),
                    Map.entry("pdx.node.children[0].address", "http://127.0.0.1:9349"),
                    Map.entry("pdx.node.children[0].organisation", PSB),
                    Map.entry("pdx.node.children[0].organisations[0]", HRSS),
                    Map.entry("pdx.signing.peers.psb-node.key-id", "prefecture-at-psb"),
                    Map.entry("pdx.signing.peers.psb-node.secret", "link-reach-test-secret-prefecture-at-psb"),
                    Map.entry("pdx.node.parent.id", "sichuan"),
                    Map.entry("pdx.node.parent.address", "http://127.0.0.1:9348"),
                    Map.entry("pdx.node.parent.organisation", PROVINCE),
                    // The province subscribes to nothing here, so nothing is sent up to an absent node.
                    Map.entry("pdx.node.parent.resources[0]", "GZ-NOT-SUBSCRIBED-001"),
                    Map.entry("pdx.signing.peers.sichuan.key-id", "prefecture-at-sichuan"),
                    Map.entry("pdx.signing.peers.sichuan.secret", "link-reach-test-secret-prefecture-at-sichuan"));
        }
    }

    @Inject
    Sql sql;

    @Inject
    ApiKeys keys;

    @Inject
    ConnectionFactory connectionFactory;

    @ConfigProperty(name = "pdx.broker.amqp-port")
    int amqpPort;

    @Test
    void aChildRelaysItsOwnOrganisationsRecordsAndNotThoseOfAnOrganisationNotBelowIt() throws Exception {
        String own = id("own");
        String foreign = id("foreign");
        String lyingProvider = id("lying");
        String belowButNotProvider = id("below");
        try (Client client = Client.create();
             Connection connection = client.connect("127.0.0.1", amqpPort, new ConnectionOptions().user(PSB).password("demo-system"));
             Sender sender = connection.openSender("pdx.link.in")) {
            send(sender, up(own, POPULATION, PSB, "[{\"citizen_id\":\"513301198203030018\",\"person_name\":\"尼玛\"}]"));
            // A prefecture department's enterprise records from the public security bureau's link.
            send(sender, up(foreign, ENTERPRISES, MARKET, "[{\"uscc\":\"" + MARKET + "\",\"entity_name\":\"某公司\"}]"));
            send(sender, up(lyingProvider, POPULATION, MARKET, "[{\"citizen_id\":\"513301198807070029\",\"person_name\":\"次仁\"}]"));
            // HR is configured below the child, but population records are the public security bureau's.
            send(sender, up(belowButNotProvider, POPULATION, HRSS, "[{\"citizen_id\":\"513301197001010014\",\"person_name\":\"多吉\"}]"));
        }
        await().atMost(Duration.ofSeconds(15)).until(() -> landed(own) == 1);
        for (String refused : List.of(foreign, lyingProvider, belowButNotProvider)) {
            await().atMost(Duration.ofSeconds(15)).until(() -> deadLetters().contains(refused + "|link.provider-not-below"));
            await().atMost(Duration.ofSeconds(5)).until(() -> sql.count("select count(*) from usage_log where message_id = ? and decision = 'REFUSED'"
                    + " and rule = 'link.provider-not-below' and organisation = ?", refused, PSB) == 1);
        }
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4)).until(() ->
                landed(foreign) + landed(lyingProvider) + landed(belowButNotProvider) == 0);
    }

    @Test
    void aChildsMessageWithHeadersTheStoreCannotTakeIsRefusedOnceAndTheLinkGoesOn() throws Exception {
        String longPerson = id("long-person");
        String lineBreak = id("line-break");
        String longId = "x".repeat(100);
        String after = id("after");
        String record = "[{\"citizen_id\":\"513301198203030018\",\"person_name\":\"尼玛\"}]";
        try (Client client = Client.create();
             Connection connection = client.connect("127.0.0.1", amqpPort, new ConnectionOptions().user(PSB).password("demo-system"));
             Sender sender = connection.openSender("pdx.link.in")) {
            var person = up(longPerson, POPULATION, PSB, record);
            person.property("PdxPerson", "某".repeat(300));
            send(sender, person);
            var forged = up(lineBreak, POPULATION, PSB, record);
            forged.property("PdxPurpose", "汇聚\r\n2026-11-29 INFO forged line");
            send(sender, forged);
            send(sender, up(longId, POPULATION, PSB, record));
            send(sender, up(after, POPULATION, PSB, record));
        }
        // The link is not wedged: the message after the bad ones lands.
        await().atMost(Duration.ofSeconds(15)).until(() -> landed(after) == 1);
        for (String refused : List.of(longPerson, lineBreak)) {
            await().atMost(Duration.ofSeconds(15)).until(() -> deadLetters().contains(refused + "|link.header-invalid"));
            assertEquals(1L, sql.count("select count(*) from usage_log where message_id = ? and decision = 'REFUSED'"
                    + " and rule = 'link.header-invalid' and organisation = ?", refused, PSB));
        }
        await().atMost(Duration.ofSeconds(15)).until(() -> sql.count("select count(*) from usage_log where message_id is null"
                + " and rule = 'link.header-invalid' and organisation = ?", PSB) >= 1);
        assertEquals(0L, landed(longPerson) + landed(lineBreak));
    }

    @Test
    void theParentReturnsOnlyToOrganisationsServedHereOrBelowAChild() throws Exception {
        String provinceKey = keys.issue("link-reach-province-" + UUID.randomUUID(), PROVINCE, "省平台下行链路 (test)", Set.of(Role.SYSTEM));
        String served = id("served");
        String above = id("above");
        String unknown = id("unknown");
        String record = "[{\"citizen_id\":\"513301198203030018\",\"person_name\":\"尼玛\"}]";
        try (Client client = Client.create();
             Connection connection = client.connect("127.0.0.1", amqpPort, new ConnectionOptions().user(PROVINCE).password(provinceKey));
             Sender sender = connection.openSender("pdx.link.in")) {
            send(sender, down(served, MARKET, record));
            send(sender, down(above, PROVINCE, record));
            send(sender, down(unknown, "91513300MA00009990", record));
        }
        await().atMost(Duration.ofSeconds(15)).until(() -> sql.count("select count(*) from usage_log where message_id = ? and decision = 'DELIVERED'"
                + " and destination = 'RETURN'", served) == 1);
        for (String refused : List.of(above, unknown)) {
            await().atMost(Duration.ofSeconds(15)).until(() -> deadLetters().contains(refused + "|link.receiver-not-below"));
        }
    }

    @Test
    void aChildAsksOnlyForTheOrganisationsBelowIt() throws Exception {
        String asMarket = "XR-" + UUID.randomUUID();
        try (Client client = Client.create();
             Connection connection = client.connect("127.0.0.1", amqpPort, new ConnectionOptions().user(PSB).password("demo-system"));
             Sender sender = connection.openSender("pdx.link.in")) {
            var m = request(asMarket, ENTERPRISES, MARKET, "{\"resource\":\"" + ENTERPRISES + "\",\"fields\":[\"uscc\"],\"purpose\":\"核验\"}");
            send(sender, m);
        }
        await().atMost(Duration.ofSeconds(15)).until(() -> sql.count("select count(*) from relayed_request where origin_id = ? and status = 'REFUSED'"
                + " and answer like ?", asMarket, "%not below%") == 1);
        assertEquals(0L, sql.count("select count(*) from data_request where requester_uscc = ? and resource_code = ?", MARKET, ENTERPRISES));
    }

    @Test
    void aReturnRequestFromBelowIsFiledWhereTheDataIsHeldAndAnsweredByAReturn() throws Exception {
        String heldId = "513301196512120034";
        String held = id("held");
        given().header("Authorization", "Bearer demo-system").contentType("application/json")
                .header("Pdx-Person", "公安局人口系统").header("Pdx-Purpose", "人口基础信息汇聚").header("Pdx-Message-Id", held)
                .body(List.of(Map.of("citizen_id", heldId, "person_name", "拉姆")))
                .when().post("/api/v1/exchange/" + POPULATION + "/records").then().statusCode(202);
        await().atMost(Duration.ofSeconds(15)).until(() -> landed(held) == 1);

        String origin = "XR-" + UUID.randomUUID();
        try (Client client = Client.create();
             Connection connection = client.connect("127.0.0.1", amqpPort, new ConnectionOptions().user(PSB).password("demo-system"));
             Sender sender = connection.openSender("pdx.link.in")) {
            var m = request(origin, POPULATION, PSB, "{\"resource\":\"" + POPULATION + "\",\"keys\":[\"" + heldId
                    + "\"],\"purpose\":\"核对本单位人口数据\"}");
            m.property("PdxAsk", "RETURN");
            send(sender, m);
        }
        await().atMost(Duration.ofSeconds(15)).until(() -> sql.count("select count(*) from relayed_request where origin_id = ? and status = 'RETURNED'",
                origin) == 1);
        String returned = sql.one("select r.return_message_id from return_request r join relayed_request x on x.local_request_id = r.id"
                + " where x.origin_id = ?", rs -> rs.getString(1), origin).orElseThrow();
        assertEquals(1L, sql.count("select count(*) from usage_log where message_id = ? and decision = 'DELIVERED' and destination = 'RETURN'"
                + " and organisation = ?", returned, PSB), "the return to the requester passed this node's gate");
    }

    @Test
    void aReturnRequestFromBelowThatTheAgencyDecidesIsAnsweredDownWhenDecided() throws Exception {
        String heldId = "513301197001010014";
        String held = id("held");
        given().header("Authorization", "Bearer demo-system").contentType("application/json")
                .header("Pdx-Person", "公安局人口系统").header("Pdx-Purpose", "人口基础信息汇聚").header("Pdx-Message-Id", held)
                .body(List.of(Map.of("citizen_id", heldId, "person_name", "多吉")))
                .when().post("/api/v1/exchange/" + POPULATION + "/records").then().statusCode(202);
        await().atMost(Duration.ofSeconds(15)).until(() -> landed(held) == 1);

        String origin = "XR-" + UUID.randomUUID();
        try (Client client = Client.create();
             Connection connection = client.connect("127.0.0.1", amqpPort, new ConnectionOptions().user(PSB).password("demo-system"));
             Sender sender = connection.openSender("pdx.link.in")) {
            // HR is configured below the public security bureau's node; population records are not HR's own.
            var m = request(origin, POPULATION, HRSS, "{\"resource\":\"" + POPULATION + "\",\"keys\":[\"" + heldId
                    + "\"],\"purpose\":\"社保资格核验\"}");
            m.property("PdxAsk", "RETURN");
            send(sender, m);
        }
        await().atMost(Duration.ofSeconds(15)).until(() -> sql.count("select count(*) from relayed_request where origin_id = ? and status = 'SUBMITTED'",
                origin) == 1);
        String filed = sql.one("select local_request_id from relayed_request where origin_id = ?", rs -> rs.getString(1), origin).orElseThrow();
        given().header("Authorization", "Bearer demo-admin").contentType("application/json")
                .body(Map.of("decision", "APPROVE", "reason", "履行社保核验职责"))
                .when().post("/api/v1/return-requests/" + filed + "/decision").then().statusCode(200);
        assertEquals(1L, sql.count("select count(*) from relayed_request where origin_id = ? and status = 'RETURNED'", origin),
                "the decision went back down towards the requester");
    }

    private static org.apache.qpid.protonj2.client.Message<String> request(String origin, String resource, String requester, String body)
            throws Exception {
        var m = org.apache.qpid.protonj2.client.Message.create(body);
        m.property("PdxKind", "REQUEST");
        m.property("PdxDirection", "UP");
        m.property("PdxSourceNode", "psb-node");
        m.property("PdxResource", resource);
        m.property("PdxRequester", requester);
        m.property("PdxMessageId", origin);
        m.property("PdxPerson", "公安局数据专员");
        return m;
    }

    private static String id(String what) {
        return "reach-" + what + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static org.apache.qpid.protonj2.client.Message<String> up(String messageId, String resource, String provider, String body)
            throws Exception {
        var m = org.apache.qpid.protonj2.client.Message.create(body);
        m.property("PdxDirection", "UP");
        m.property("PdxSourceNode", "psb-node");
        m.property("PdxResource", resource);
        m.property("PdxProvider", provider);
        m.property("PdxMessageId", messageId);
        m.property("PdxPerson", "公安局数据节点");
        m.property("PdxPurpose", "人口数据汇聚");
        return m;
    }

    private static org.apache.qpid.protonj2.client.Message<String> down(String messageId, String to, String body) throws Exception {
        var m = org.apache.qpid.protonj2.client.Message.create(body);
        m.property("PdxDirection", "DOWN");
        m.property("PdxSourceNode", "sichuan");
        m.property("PdxResource", POPULATION);
        m.property("PdxProvider", PROVINCE);
        m.property("PdxTo", to);
        m.property("PdxMessageId", messageId);
        m.property("PdxPerson", "省数据局");
        m.property("PdxPurpose", "人口数据返还");
        return m;
    }

    private static void send(Sender sender, org.apache.qpid.protonj2.client.Message<String> m) throws Exception {
        sender.send(m).awaitSettlement(10, TimeUnit.SECONDS);
    }

    private long landed(String messageId) {
        return sql.count("select count(*) from dataset_record where message_id = ?", messageId);
    }

    /** The dead letters as "messageId|rule". */
    private List<String> deadLetters() throws Exception {
        List<String> out = new ArrayList<>();
        try (JMSContext ctx = connectionFactory.createContext(); QueueBrowser browser = ctx.createBrowser(ctx.createQueue("pdx.dlq"))) {
            for (Message m : Collections.list((java.util.Enumeration<Message>) browser.getEnumeration())) {
                out.add(m.getStringProperty("PdxMessageId") + "|" + m.getStringProperty("PdxRule"));
            }
        }
        return out;
    }
}
