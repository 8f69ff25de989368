package org.pdxhub.hub.route;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.pdxhub.hub.exchange.ExchangeService;
import org.pdxhub.hub.sharing.Notifications;
import org.pdxhub.hub.store.Sql;
import org.pdxhub.plugins.identifiers.UsccCheck;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pdxhub.hub.route.RouteFiles.route;
import static org.pdxhub.hub.testing.DemoKeys.PSB;
import static org.pdxhub.hub.testing.DemoKeys.admin;

/**
 * The {@code pdx} component as a routes file uses it: records in through the gate, returned
 * records and workflow events out; and every other way to the node's addresses refused.
 */
@QuarkusTest
@TestProfile(RouteFiles.class)
class PdxComponentTest {

    static final String POPULATION = "GZ-PSB-POP-001";

    @Inject
    CamelContext camel;

    @Inject
    ProducerTemplate producer;

    @Inject
    Sql sql;

    @Inject
    Notifications notifications;

    static String ingestRoute(String id) {
        return route(id, "direct:" + id, "- to: \"pdx:ingest/" + POPULATION + "?person=人口系统&purpose=人口基础信息汇聚\"");
    }

    @Test
    void aRouteSendsRecordsThroughTheGateAsTheProviderAndGetsTheAnswer() throws Exception {
        RouteFiles.install(camel, "ingest.yaml", ingestRoute("dept-ingest"), "dept-ingest");
        String messageId = "route-" + UUID.randomUUID();
        Exchange answer = producer.request("direct:dept-ingest", e -> {
            e.getMessage().setBody("[{\"citizen_id\":\"513301199001010013\",\"person_name\":\"旺堆\"},"
                    + "{\"citizen_id\":\"513301199001010014\",\"person_name\":\"坏号\"}]");
            e.getMessage().setHeader("PdxMessageId", messageId);
        });
        assertTrue(answer.getException() == null, () -> "no refusal: " + answer.getException());
        ExchangeService.Accepted accepted = answer.getMessage().getBody(ExchangeService.Accepted.class);
        assertEquals(1, accepted.accepted(), "the good record passed");
        assertEquals(1, accepted.rejected().size(), "the record with a wrong check digit did not");
        assertNotNull(accepted.rejected().get(0).get("reason"), "and says why: " + accepted.rejected());
        assertEquals(1, answer.getMessage().getHeader("PdxAccepted", Integer.class));
        assertEquals(1, answer.getMessage().getHeader("PdxRejected", Integer.class));
        assertEquals(accepted.usageLogSeq(), answer.getMessage().getHeader("PdxUsageLogSeq", Long.class));
        assertEquals(1, sql.count("select count(*) from usage_log where message_id = ? and decision = 'DELIVERED' and organisation = ?"
                + " and key_id = 'route:dept-ingest'", messageId, PSB), "logged as the provider's, sent by this route");
        await().atMost(Duration.ofSeconds(15)).until(() -> sql.count(
                "select count(*) from dataset_record where resource_code = ? and message_id = ?", POPULATION, messageId) == 1);
        RouteFiles.remove(camel, "ingest.yaml", "dept-ingest");
    }

    /** A route that sends a message again under its PdxMessageId (a file picked up twice, a retried step) is told it passed before. */
    @Test
    void aRouteSendingAMessageAgainUnderItsIdIsToldItPassedBeforeAndNothingPassesTwice() throws Exception {
        RouteFiles.install(camel, "again.yaml", ingestRoute("dept-again"), "dept-again");
        String messageId = "route-again-" + UUID.randomUUID();
        List<Exchange> answers = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            answers.add(producer.request("direct:dept-again", e -> {
                e.getMessage().setBody("[{\"citizen_id\":\"513301199001010013\",\"person_name\":\"旺堆\"}]");
                e.getMessage().setHeader("PdxMessageId", messageId);
            }));
        }
        long first = answers.get(0).getMessage().getHeader("PdxUsageLogSeq", Long.class);
        assertNull(answers.get(0).getMessage().getHeader("PdxDuplicateOf"));
        assertEquals(0, answers.get(1).getMessage().getHeader("PdxAccepted", Integer.class), "nothing passed the second time");
        assertEquals(first, answers.get(1).getMessage().getHeader("PdxDuplicateOf", Long.class), "the answer names the first passage");
        assertEquals(1, sql.count("select count(*) from usage_log where message_id = ? and decision = 'DELIVERED'", messageId));
        assertEquals(1, sql.count("select count(*) from usage_log where message_id = ? and decision = 'DUPLICATE' and key_id = 'route:dept-again'",
                messageId));
        RouteFiles.remove(camel, "again.yaml", "dept-again");
    }

    @Test
    void csvXlsxJsonAndAListOfMapsAreAllRecords() throws Exception {
        RouteFiles.install(camel, "formats.yaml", ingestRoute("dept-formats"), "dept-formats");
        Object[] bodies = {
                "[{\"citizen_id\":\"513301199001010013\",\"person_name\":\"旺堆\",\"mobile\":\"13900000000\"}]",
                "citizen_id,person_name,mobile\r\n513301199001010013,旺堆,13900000000\r\n",
                xlsx(List.of("citizen_id", "person_name", "mobile"), List.of("513301199001010013", "旺堆", "13900000000")),
                List.of(Map.of("citizen_id", "513301199001010013", "person_name", "旺堆", "mobile", "13900000000"))};
        for (Object body : bodies) {
            ExchangeService.Accepted accepted = producer.requestBody("direct:dept-formats", body, ExchangeService.Accepted.class);
            assertEquals(1, accepted.accepted(), "one record from " + body.getClass().getSimpleName());
            assertEquals(0, accepted.rejected().size(), "none rejected from " + body.getClass().getSimpleName() + ": " + accepted.rejected());
        }
        RouteFiles.remove(camel, "formats.yaml", "dept-formats");
    }

    @Test
    void aBodyThatIsNoRecordsIsRefusedToTheRouteNamingWhatIsWrong() throws Exception {
        RouteFiles.install(camel, "bad.yaml", ingestRoute("dept-bad"), "dept-bad");
        Exchange answer = producer.request("direct:dept-bad", e -> e.getMessage().setBody("[1, 2]"));
        assertNotNull(answer.getException(), "the route sees the refusal");
        Exchange longPurpose = producer.request("direct:dept-bad", e -> {
            e.getMessage().setBody("[]");
            e.getMessage().setHeader("PdxPurpose", "x".repeat(600));
        });
        assertTrue(longPurpose.getException().getMessage().contains("PdxPurpose"), longPurpose.getException().getMessage());
        RouteFiles.remove(camel, "bad.yaml", "dept-bad");
    }

    @Test
    void recordsReturnedToAnOrganisationLandInItsFolderAsCsvWrittenAtomically() throws Exception {
        String heldId = "513301198807070029";
        String messageId = "held-" + UUID.randomUUID();
        RouteFiles.install(camel, "held.yaml", ingestRoute("dept-held"), "dept-held");
        producer.sendBodyAndHeader("direct:dept-held", List.of(Map.of("citizen_id", heldId, "person_name", "拉姆", "mobile", "13811112222")),
                "PdxMessageId", messageId);
        await().atMost(Duration.ofSeconds(15)).until(() -> sql.count(
                "select count(*) from dataset_record where resource_code = ? and message_id = ?", POPULATION, messageId) == 1);
        RouteFiles.install(camel, "returns.yaml", route("psb-returns", "pdx:return/" + PSB + "?format=CSV", """
                - setHeader:
                    name: CamelFileName
                    simple: "${header.PdxResource}-${header.PdxMessageId}.csv"
                - to: "file:{{department.folder}}/returns?tempPrefix=.part-"
                """), "psb-returns");

        String returned = admin().header("Pdx-Person", "州数据局").header("Pdx-Purpose", "返还公安局人口数据")
                .body(Map.of("to", PSB, "keys", List.of(heldId)))
                .when().post("/api/v1/exchange/" + POPULATION + "/return")
                .then().statusCode(202).body("accepted", equalTo(1)).extract().path("messageId");

        Path file = RouteFiles.DEPARTMENT.resolve("returns").resolve(POPULATION + "-" + returned + ".csv");
        await().atMost(Duration.ofSeconds(15)).until(() -> Files.exists(file));
        String csv = Files.readString(file);
        assertTrue(csv.startsWith("citizen_id,"), "a header row of the fields: " + csv);
        assertTrue(csv.contains("拉*"), "masked as returned: " + csv);
        assertFalse(csv.contains(heldId), "no raw ID leaves the node: " + csv);
        try (Stream<Path> left = Files.list(file.getParent())) {
            assertTrue(left.noneMatch(p -> p.getFileName().toString().startsWith(".part-")), "no half-written file is left");
        }
        RouteFiles.remove(camel, "returns.yaml", "psb-returns");
        RouteFiles.remove(camel, "held.yaml", "dept-held");
    }

    @Test
    void theNodesWorkflowEventsReachARoute() throws Exception {
        RouteFiles.install(camel, "notify.yaml", route("dept-notify", "pdx:notify", "- to: \"file:{{department.folder}}/notify\""), "dept-notify");
        Path folder = RouteFiles.DEPARTMENT.resolve("notify");
        String requestId = "req-" + UUID.randomUUID();
        notifications.tell("SHARE_DECISION_DUE", requestId, null, POPULATION, PSB, "SPECIALIST", null, "decide", Instant.now());
        await().atMost(Duration.ofSeconds(15)).until(() -> {
            if (!Files.isDirectory(folder)) {
                return false;
            }
            try (Stream<Path> files = Files.list(folder)) {
                return files.map(PdxComponentTest::read).anyMatch(body -> body.contains(requestId) && body.contains("SHARE_DECISION_DUE"));
            }
        });
        RouteFiles.remove(camel, "notify.yaml", "dept-notify");
    }

    @Test
    void aRouteReachingTheGatesQueuesOtherThanThroughPdxIsRefusedSayingHow() throws Exception {
        for (String to : List.of("jms:queue:pdx.in." + POPULATION, "jms:queue:PDX.agg", "jms:topic:pdx.notify", "jms:queue:dept::pdx.dlq",
                "pdxnode:queue:pdx.in." + POPULATION)) {
            String message = RouteFiles.refusal(camel, route("sneak", "direct:sneak", "- to: \"" + to + "\"")).getMessage();
            assertTrue(message.contains("route 'sneak' refused"), message);
            assertTrue(message.contains(to.startsWith("pdxnode") ? "pdxnode" : "pdx:ingest"), to + ": " + message);
        }
        String reads = RouteFiles.refusal(camel, route("peek", "jms:queue:pdx.return." + PSB, "- to: \"log:x\"")).getMessage();
        assertTrue(reads.contains("reads") && reads.contains("pdx:return"), reads);
    }

    @Test
    void aBeanReferenceGivenAsAnEndpointParameterMapIsFoundAsInTheUri() throws Exception {
        String message = RouteFiles.refusal(camel, route("by-map", "direct:by-map", """
                - to:
                    uri: "log:x"
                    parameters:
                      exchangeFormatter: "#pdxExchange"
                """)).getMessage();
        assertTrue(message.contains("refers to a bean"), message);
    }

    @Test
    void aSqlEndpointReachesOnlyADepartmentDatabaseNeverTheNodesStore() throws Exception {
        for (String uri : List.of("sql:select * from usage_log", "sql:delete from usage_log?dataSource=#dataSource",
                "sql:select 1?dataSource=#h2", "sql:select 1?dataSource=%23dept-psb&outputClass=org.pdxhub.hub.store.Sql")) {
            String message = RouteFiles.refusal(camel, route("store", "direct:store", "- to: \"" + uri + "\"")).getMessage();
            assertTrue(message.contains("route 'store' refused"), uri + ": " + message);
        }
    }

    @Test
    void eachDoorOfThePdxComponentGoesOneWayOnly() throws Exception {
        assertTrue(RouteFiles.refusal(camel, route("in-out", "pdx:ingest/" + POPULATION, "- to: \"log:x\"")).getMessage()
                .contains("pdx:return/{uscc}, pdx:share/{code} or pdx:notify"));
        assertTrue(RouteFiles.refusal(camel, route("out-in", "direct:out-in", "- to: \"pdx:return/" + PSB + "\"")).getMessage()
                .contains("pdx:ingest/{code}"));
        assertTrue(RouteFiles.refusal(camel, route("notify-in", "direct:notify-in", "- to: \"pdx:notify\"")).getMessage()
                .contains("pdx:ingest/{code}"));
    }

    @Test
    void aRouteCannotReadOrWriteTheNodesOwnFolders() throws Exception {
        String dataDir = camel.resolvePropertyPlaceholders("{{pdx.data-dir}}");
        String configDir = camel.resolvePropertyPlaceholders("{{pdx.config-dir}}");
        for (String uri : List.of("file:" + dataDir + "/store", "file:" + configDir + "/routes", "file:" + dataDir,
                "file:" + dataDir + "/../" + Path.of(dataDir).getFileName() + "/keys",
                "file:" + RouteFiles.DEPARTMENT + "?fileName=" + dataDir + "/store/hub.mv.db",
                "file:" + Path.of(dataDir).getParent() + "?recursive=true")) {
            String message = RouteFiles.refusal(camel, route("steal", uri, "- to: \"log:x\"")).getMessage();
            assertTrue(message.contains("node's own folder"), uri + ": " + message);
        }
        String climbing = RouteFiles.refusal(camel, route("climb", "file:" + RouteFiles.DEPARTMENT + "?move=../../x", "- to: \"log:x\"")).getMessage();
        assertTrue(climbing.contains("'..'"), climbing);
        String unjailed = RouteFiles.refusal(camel, route("unjail", "direct:unjail", "- to: \"file:" + RouteFiles.DEPARTMENT
                + "?jailStartingDirectory=false\"")).getMessage();
        assertTrue(unjailed.contains("jailStartingDirectory"), unjailed);
        assertDoesNotThrow(() -> RouteFiles.install(camel, "own.yaml", route("own-folder", "file:" + RouteFiles.DEPARTMENT + "/in",
                "- to: \"file:" + RouteFiles.DEPARTMENT + "/out\""), "own-folder"), "a folder of the route's own is fine");
        RouteFiles.remove(camel, "own.yaml", "own-folder");
    }

    @Test
    void aPdxUriThatNamesNoDoorOrAnOrganisationNotServedHereIsRefusedAtLoad() throws Exception {
        RouteFiles.awaitRefused("bogus.yaml", route("bogus", "direct:bogus", "- to: \"pdx:landing/" + POPULATION + "\""),
                "refused", "pdx:landing");
        String stranger = "91513300MA0000999" + UsccCheck.checkCharacter("91513300MA0000999");
        RouteFiles.awaitRefused("stranger.yaml", route("stranger", "pdx:return/" + stranger, "- to: \"log:x\""), stranger, "registered");
        RouteFiles.awaitRefused("option.yaml", route("option", "direct:option", "- to: \"pdx:ingest/" + POPULATION + "?organisation=" + PSB
                + "\""), "organisation");
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "";
        }
    }

    private static byte[] xlsx(List<String> header, List<String> row) throws Exception {
        try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            var sheet = workbook.createSheet("records");
            var first = sheet.createRow(0);
            var second = sheet.createRow(1);
            for (int i = 0; i < header.size(); i++) {
                first.createCell(i).setCellValue(header.get(i));
                second.createCell(i).setCellValue(row.get(i));
            }
            workbook.write(out);
            return out.toByteArray();
        }
    }
}
