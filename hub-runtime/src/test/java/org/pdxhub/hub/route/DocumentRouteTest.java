package org.pdxhub.hub.route;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.Message;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.Test;
import org.pdxhub.hub.audit.UsageDecision;
import org.pdxhub.hub.audit.UsageEntry;
import org.pdxhub.hub.audit.UsageLog;
import org.pdxhub.hub.deadletter.DeadLetters;
import org.pdxhub.hub.deadletter.OneDeadLetterFormatTest;
import org.pdxhub.hub.exchange.DocumentExchange;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code to: pdx:document/{code}}: a routes file hands the node a document, which comes back redacted and is logged. */
@QuarkusTest
@TestProfile(RouteFiles.class)
class DocumentRouteTest {

    static final String POPULATION = "GZ-PSB-POP-001";
    static final String PERSON = "户籍证明路由";
    static final String CITIZEN_ID = "513301198504120025";
    /** The population resource's provider, the public security bureau, as the demo catalog says. */
    static final String PROVIDER = "11513300MB0000002H";

    @Inject
    CamelContext camel;

    @Inject
    ProducerTemplate producer;

    @Inject
    UsageLog usageLog;

    @Inject
    ConnectionFactory connections;

    static String documentRoute(String id) {
        return RouteFiles.route(id, "direct:" + id, "- to: \"pdx:document/" + POPULATION + "?person=" + PERSON + "&purpose=户籍证明汇聚\"");
    }

    @Test
    void aDocumentARouteSendsComesBackRedactedWithItsReportInTheUsageLog() throws Exception {
        RouteFiles.install(camel, "document.yaml", documentRoute("dept-document"), "dept-document");
        byte[] certificate = Files.readAllBytes(Path.of("../config/demo/documents/certificate.pdf"));
        Exchange answer = producer.request("direct:dept-document", e -> {
            e.getMessage().setBody(certificate);
            e.getMessage().setHeader(Exchange.FILE_NAME_ONLY, "certificate.pdf");
        });
        assertNull(answer.getException(), () -> "no refusal: " + answer.getException());
        DocumentExchange.Scanned scanned = answer.getMessage().getBody(DocumentExchange.Scanned.class);
        assertEquals("application/pdf", scanned.report().mediaType());
        assertEquals(2, scanned.report().counts().get("citizen-id"), scanned.report().counts().toString());
        for (String personal : List.of("卓玛", "扎西", "513301198504120025", "13987654321", "光明路12号")) {
            assertFalse(scanned.text().contains(personal), personal + " in " + scanned.text());
        }
        assertEquals(scanned.usageLogSeq(), answer.getMessage().getHeader("PdxUsageLogSeq", Long.class));

        UsageEntry entry = usageLog.query(new UsageLog.Query(POPULATION, null, PERSON, null, null, 5)).stream()
                .filter(e -> e.seq() == scanned.usageLogSeq()).findFirst().orElseThrow();
        assertEquals(UsageDecision.DELIVERED, entry.decision());
        assertTrue(entry.detail().contains("\"citizen-id\":2") && entry.detail().contains("\"person-name\""), entry.detail());
        assertFalse(entry.detail().contains("513301198504120025") || entry.detail().contains("卓玛"), "the report holds no values");
        RouteFiles.remove(camel, "document.yaml", "dept-document");
    }

    @Test
    void aDocumentTheNodeRefusesIsThrownToTheCallerThatWaitsOnTheRouteAndLogged() throws Exception {
        RouteFiles.install(camel, "document-refused.yaml", documentRoute("dept-document-refused"), "dept-document-refused");
        String messageId = "nested-" + UUID.randomUUID();
        Exchange answer = producer.request("direct:dept-document-refused", e -> {
            e.getMessage().setBody(nestedZip(8));
            e.getMessage().setHeader("PdxMessageId", messageId);
        });
        assertNotNull(answer.getException(), "the route's caller sees the refusal");
        assertTrue(answer.getException().getMessage().contains("max-embedded-depth"), answer.getException().getMessage());

        UsageEntry refused = usageLog.query(new UsageLog.Query(POPULATION, null, PERSON, null, null, 5)).get(0);
        assertEquals(UsageDecision.REFUSED, refused.decision());
        assertEquals("document.max-embedded-depth", refused.rule());
        RouteFiles.remove(camel, "document-refused.yaml", "dept-document-refused");
    }

    @Test
    void aDroppedDocumentTheNodeRefusesIsDeadLetteredOnceByTheRoutesChannelNamingTheRouteAndTheReasonAndNoPersonalData()
            throws Exception {
        Path inbox = Files.createDirectories(RouteFiles.DEPARTMENT.resolve("documents-refused"));
        RouteFiles.install(camel, "document-dropped.yaml", RouteFiles.route("dept-document-dropped", "file:" + inbox + "?delay=200",
                "- to: \"pdx:document/" + POPULATION + "?person=" + PERSON + "&purpose=户籍证明汇聚\""), "dept-document-dropped");
        byte[] dropped = nestedZip(8);
        Files.write(inbox.resolve(".forms.zip.tmp"), dropped);
        Files.move(inbox.resolve(".forms.zip.tmp"), inbox.resolve("forms.zip"));

        String from = "route:dept-document-dropped";
        OneDeadLetterFormatTest.Browsed browsed = await().atMost(Duration.ofSeconds(30))
                .until(() -> letters(from), found -> !found.isEmpty()).get(0);
        Message letter = browsed.letter();
        assertEquals("document.max-embedded-depth", letter.getStringProperty("PdxRule"));
        assertEquals("urn:pdx:problem:document.max-embedded-depth", letter.getStringProperty(DeadLetters.PROBLEM_TYPE));
        assertTrue(letter.getStringProperty("PdxReason").contains("max-embedded-depth"), letter.getStringProperty("PdxReason"));
        assertEquals(POPULATION, letter.getStringProperty("PdxResource"));
        assertEquals(PROVIDER, letter.getStringProperty(DeadLetters.ORGANISATION));
        assertFalse(letter.getBooleanProperty(DeadLetters.REPLAYABLE), "the sender's document, refused: not the node's failure");
        assertEquals(DeadLetters.ORIGINAL, letter.getStringProperty(DeadLetters.BODY));
        assertArrayEquals(dropped, browsed.body(), "the document as the route received it");
        for (Object name : Collections.list(letter.getPropertyNames())) {
            String value = String.valueOf(letter.getObjectProperty((String) name));
            assertFalse(value.contains(CITIZEN_ID) || value.contains("身份证号"), name + " holds the document's personal data: " + value);
        }
        // Taken, not read again on every poll, and lettered once: the document exchange writes no letter of its own.
        await().atMost(Duration.ofSeconds(10)).until(() -> !Files.exists(inbox.resolve("forms.zip")));
        assertEquals(1, letters(from).size(), "dead-lettered once");
        assertTrue(OneDeadLetterFormatTest.browse(connections, DeadLetters.FROM + " = 'pdx:document/" + POPULATION + "'").isEmpty(),
                "no second letter in another shape");
        RouteFiles.remove(camel, "document-dropped.yaml", "dept-document-dropped");
    }

    private List<OneDeadLetterFormatTest.Browsed> letters(String from) throws Exception {
        return OneDeadLetterFormatTest.browse(connections, DeadLetters.FROM + " = '" + from + "'");
    }

    @Test
    void aDocumentDoorIsSentToNeverReadFrom() throws Exception {
        String reading = RouteFiles.route("dept-document-from", "pdx:document/" + POPULATION, "- to: \"log:x\"");
        assertTrue(RouteFiles.refusal(camel, reading).getMessage().contains("reads from pdx:document/" + POPULATION),
                RouteFiles.refusal(camel, reading).getMessage());
    }

    private static byte[] nestedZip(int depth) throws Exception {
        byte[] content = ("身份证号：" + CITIZEN_ID).getBytes(StandardCharsets.UTF_8);
        String name = "form.txt";
        for (int i = 0; i < depth; i++) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (ZipOutputStream zip = new ZipOutputStream(out)) {
                zip.putNextEntry(new ZipEntry(name));
                zip.write(content);
                zip.closeEntry();
            }
            content = out.toByteArray();
            name = "level" + i + ".zip";
        }
        return content;
    }
}
