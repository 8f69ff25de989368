package org.pdxhub.hub.connector;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import jakarta.jms.ConnectionFactory;
import org.junit.jupiter.api.Test;
import org.pdxhub.hub.audit.UsageDecision;
import org.pdxhub.hub.audit.UsageEntry;
import org.pdxhub.hub.audit.UsageLog;
import org.pdxhub.hub.deadletter.DeadLetters;
import org.pdxhub.hub.deadletter.OneDeadLetterFormatTest;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pdxhub.hub.testing.DemoKeys.PSB;

/** Documents dropped in a file connector's folder: scanned and redacted as uploads, their reports in the usage log. */
@QuarkusTest
@TestProfile(ConnectorsTest.WithFileConnector.class)
class DroppedDocumentsTest {

    private static final Pattern USAGE_LOG_SEQ = Pattern.compile("usage log (\\d+)");

    private byte[] bomb;

    @Inject
    UsageLog usageLog;

    @Inject
    ConnectionFactory connections;

    @Test
    void aDocumentDroppedInTheFolderIsRedactedQueuedAndReportedInTheUsageLog() throws Exception {
        byte[] certificate = Files.readAllBytes(Path.of("../config/demo/documents/certificate.pdf"));
        Files.write(ConnectorsTest.DROP.resolve(".residence-certificate.pdf.tmp"), certificate);
        Files.move(ConnectorsTest.DROP.resolve(".residence-certificate.pdf.tmp"), ConnectorsTest.DROP.resolve("residence-certificate.pdf"));

        Path summary = ConnectorsTest.DROP.resolve("done/residence-certificate.pdf.reason.txt");
        await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(summary));
        String told = Files.readString(summary);
        assertTrue(told.contains("document scanned") && told.contains("citizen-id=2") && told.contains("mobile=1"), told);
        Matcher seq = USAGE_LOG_SEQ.matcher(told);
        assertTrue(seq.find(), told);

        UsageEntry entry = logged(Long.parseLong(seq.group(1)));
        assertEquals(UsageDecision.DELIVERED, entry.decision());
        assertTrue(entry.detail().contains("\"citizen-id\":2") && entry.detail().contains("\"address\":2")
                && entry.detail().contains("\"person-name\""), entry.detail());
        for (String personal : List.of("卓玛", "513301198504120025", "13987654321", "光明路12号")) {
            assertFalse(entry.detail().contains(personal) || told.contains(personal), "no value in the report or the summary: " + personal);
        }
    }

    @Test
    void aDocumentTheNodeRefusesGoesToFailedWithTheReasonAndTheRefusalIsLogged() throws Exception {
        byte[] nested = nestedZip(8, "身份证号：513301198504120025".getBytes(StandardCharsets.UTF_8));
        // A ZIP is neither records nor a document the folder takes: it is refused, saying what it is.
        Files.write(ConnectorsTest.DROP.resolve(".nested.pdf.tmp"), nested);
        Files.move(ConnectorsTest.DROP.resolve(".nested.pdf.tmp"), ConnectorsTest.DROP.resolve("nested.pdf"));
        bomb = memoryBombPdf();
        Files.write(ConnectorsTest.DROP.resolve(".bomb.pdf.tmp"), bomb);
        Files.move(ConnectorsTest.DROP.resolve(".bomb.pdf.tmp"), ConnectorsTest.DROP.resolve("bomb.pdf"));

        Path bombReason = ConnectorsTest.DROP.resolve("failed/bomb.pdf.reason.txt");
        await().atMost(Duration.ofSeconds(90)).until(() -> Files.exists(bombReason));
        String reason = Files.readString(bombReason);
        assertTrue(reason.contains("document.max-parse-memory") && reason.contains("the parsing process was stopped"), reason);
        Path nestedReason = ConnectorsTest.DROP.resolve("failed/nested.pdf.reason.txt");
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(nestedReason));
        assertTrue(Files.readString(nestedReason).contains("application/zip"), Files.readString(nestedReason));

        UsageEntry refused = usageLog.query(new UsageLog.Query(ConnectorsTest.POPULATION, null, ConnectorsTest.PERSON, null, null, 50))
                .stream().filter(e -> "document.max-parse-memory".equals(e.rule())).findFirst().orElseThrow();
        assertEquals(UsageDecision.REFUSED, refused.decision());

        // On the one dead-letter address too, as dropped and with the same reason as on the queue.
        await().atMost(Duration.ofSeconds(10)).until(this::bombLettered);
    }

    /** The letter of the bomb, its body the dropped file's bytes: the document as dropped, with the reason. */
    private boolean bombLettered() throws Exception {
        List<OneDeadLetterFormatTest.Browsed> found = OneDeadLetterFormatTest.browse(connections,
                "PdxRule = 'document.max-parse-memory' AND PdxDeadLetterFrom = 'connector:population-drop'");
        if (found.isEmpty()) {
            return false;
        }
        OneDeadLetterFormatTest.Browsed last = found.get(found.size() - 1);
        OneDeadLetterFormatTest.assertOneFormat(last.letter(), "document.max-parse-memory", "connector:population-drop", PSB, false,
                DeadLetters.ORIGINAL);
        assertArrayEquals(bomb, last.body(), "the document in the letter is the file as dropped");
        return true;
    }

    private UsageEntry logged(long seq) {
        return usageLog.query(new UsageLog.Query(ConnectorsTest.POPULATION, null, ConnectorsTest.PERSON, null, null, 50)).stream()
                .filter(e -> e.seq() == seq).findFirst().orElseThrow(() -> new AssertionError("no usage log entry " + seq));
    }

    private static byte[] nestedZip(int depth, byte[] innermost) throws Exception {
        byte[] content = innermost;
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

    /** A one-page PDF whose deflated content is half a gigabyte of text: it ends the parsing process, not the node. */
    private static byte[] memoryBombPdf() throws Exception {
        ByteArrayOutputStream deflated = new ByteArrayOutputStream();
        try (var out = new java.util.zip.DeflaterOutputStream(deflated, new java.util.zip.Deflater(9), 1 << 16)) {
            out.write("BT /F1 12 Tf 10 10 Td (".getBytes(StandardCharsets.US_ASCII));
            byte[] block = "a".repeat(1 << 20).getBytes(StandardCharsets.US_ASCII);
            for (int i = 0; i < 512; i++) {
                out.write(block);
            }
            out.write(") Tj ET".getBytes(StandardCharsets.US_ASCII));
        }
        List<byte[]> objects = List.of(ascii("<< /Type /Catalog /Pages 2 0 R >>"), ascii("<< /Type /Pages /Kids [3 0 R] /Count 1 >>"),
                ascii("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>"),
                concat(ascii("<< /Length " + deflated.size() + " /Filter /FlateDecode >>\nstream\n"), deflated.toByteArray(),
                        ascii("\nendstream")),
                ascii("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"));
        ByteArrayOutputStream pdf = new ByteArrayOutputStream();
        pdf.write(ascii("%PDF-1.7\n"));
        StringBuilder xref = new StringBuilder("xref\n0 " + (objects.size() + 1) + "\n0000000000 65535 f \n");
        for (int i = 0; i < objects.size(); i++) {
            xref.append(String.format("%010d 00000 n \n", pdf.size()));
            pdf.write(concat(ascii((i + 1) + " 0 obj\n"), objects.get(i), ascii("\nendobj\n")));
        }
        int start = pdf.size();
        pdf.write(ascii(xref + "trailer\n<< /Size " + (objects.size() + 1) + " /Root 1 0 R >>\nstartxref\n" + start + "\n%%EOF\n"));
        return pdf.toByteArray();
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] concat(byte[]... parts) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.write(part);
        }
        return out.toByteArray();
    }
}
