package org.pdxhub.hub.exchange;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.pdxhub.hub.envelope.Headers;
import org.pdxhub.hub.store.Sql;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pdxhub.hub.testing.DemoKeys.system;

/**
 * Bad input from the sender's side: each answered with a 4xx problem detail that names the
 * field or header and says what to change; never a 500, a 503, a reset or a 202 with nothing in it.
 */
@QuarkusTest
public class BadInputTest {

    static final String RECORDS = "/api/v1/exchange/" + ExchangeFlowTest.POPULATION + "/records";
    /** Valid check digit; used by no other test, so a search for it in the log is exact. */
    static final String RAW_ID = "513321199003030013";
    static final String VALID_RECORD = "{\"citizen_id\":\"513322198001010010\",\"person_name\":\"达娃\"}";

    @Inject
    Sql sql;

    @ConfigProperty(name = "quarkus.http.test-port")
    int port;

    static RequestSpecification sender() {
        return system().header("Pdx-Person", "公安局人口系统").header("Pdx-Purpose", "人口基础信息汇聚");
    }

    /** {@link #sender()} with one header given instead (a header given twice reaches the node as one joined value). */
    static RequestSpecification senderWith(String header, String value) {
        Map<String, String> headers = new java.util.HashMap<>(Map.of("Pdx-Person", "公安局人口系统", "Pdx-Purpose", "人口基础信息汇聚"));
        headers.put(header, value);
        return system().headers(headers);
    }

    private static ValidatableResponse problem(ValidatableResponse response, int status, String field) {
        return response.log().ifValidationFails().statusCode(status).contentType("application/problem+json").body("field", equalTo(field));
    }

    @Test
    void aNullRecordIsRefusedNamingItsIndex() {
        problem(sender().body("[" + VALID_RECORD + ", null]").when().post(RECORDS).then(), 400, "[1]")
                .body("type", equalTo("urn:pdx:problem:records.null"));
        problem(sender().body("[null]").when().post(RECORDS).then(), 400, "[0]");
    }

    @Test
    void elementsThatAreNotObjectsAreRefusedNamingTheirIndex() {
        problem(sender().body("[" + VALID_RECORD + ", 42]").when().post(RECORDS).then(), 400, "[1]")
                .body("detail", containsString("number"));
        problem(sender().body("[[]]").when().post(RECORDS).then(), 400, "[0]");
        problem(sender().body("[\"" + RAW_ID + "\"]").when().post(RECORDS).then(), 400, "[0]")
                .body("detail", not(containsString(RAW_ID)));
        problem(sender().body(VALID_RECORD).when().post(RECORDS).then(), 400, "body")
                .body("type", equalTo("urn:pdx:problem:records.not-an-array"));
        problem(sender().body("").when().post(RECORDS).then(), 400, "body");
    }

    @Test
    void anythingAfterTheJsonArrayIsRefused() {
        for (String tail : List.of(" garbage", " []", "]", ",{}", " " + RAW_ID)) {
            problem(sender().body("[" + VALID_RECORD + "]" + tail).when().post(RECORDS).then(), 400, "body")
                    .body("detail", not(containsString(RAW_ID)));
        }
        problem(sender().body("[" + VALID_RECORD).when().post(RECORDS).then(), 400, "body");
        problem(sender().body("[{\"citizen_id\": " + RAW_ID + "x}]").when().post(RECORDS).then(), 400, "body")
                .body("detail", not(containsString(RAW_ID)));
    }

    @Test
    void trailingGarbageAfterAnyJsonBodyIsRefused() {
        sender().body("{\"to\":\"11513300MB0000004P\",\"records\":[]} garbage")
                .when().post("/api/v1/exchange/" + ExchangeFlowTest.POPULATION + "/return")
                .then().log().ifValidationFails().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void invalidUtf8IsRefusedNamingTheEncoding() {
        byte[] malformed = bytes("[{\"person_name\":\"", new byte[]{(byte) 0xC3, 0x28}, "\"}]");
        byte[] overlong = bytes("[{\"person_name\":\"", new byte[]{(byte) 0xC0, (byte) 0xAF}, "\"}]");
        byte[] overlongThreeBytes = bytes("[{\"person_name\":\"", new byte[]{(byte) 0xE0, (byte) 0x80, (byte) 0xAF}, "\"}]");
        byte[] surrogate = bytes("[{\"person_name\":\"", new byte[]{(byte) 0xED, (byte) 0xA0, (byte) 0x80}, "\"}]");
        for (byte[] body : List.of(malformed, overlong, overlongThreeBytes, surrogate)) {
            problem(sender().body(body).when().post(RECORDS).then(), 400, "body")
                    .body("type", equalTo("urn:pdx:problem:encoding.utf8"));
        }
        byte[] csvMalformed = bytes("citizen_id,person_name\n513322198001010010,", new byte[]{(byte) 0xB4, (byte) 0xEF}, "\n");
        byte[] csvOverlong = bytes("citizen_id,person_name\n513322198001010010,", new byte[]{(byte) 0xC1, (byte) 0xBF}, "\n");
        for (byte[] body : List.of(csvMalformed, csvOverlong)) {
            problem(sender().contentType("text/csv").body(body).when().post(RECORDS).then(), 400, "body")
                    .body("type", equalTo("urn:pdx:problem:encoding.utf8"))
                    .body("detail", containsString("UTF-8"));
        }
    }

    @Test
    void csvThatIsNotRecordsIsRefused() {
        problem(sender().contentType("text/csv").body("citizen_id,\n1,2\n").when().post(RECORDS).then(), 400, "body");
        problem(sender().contentType("text/csv").body("a,a\n1,2\n").when().post(RECORDS).then(), 400, "body");
        problem(sender().contentType("text/csv").body("citizen_id,person_name\n\"513322198001010010,x\n").when().post(RECORDS).then(),
                400, "body");
    }

    @Test
    void anXlsxThatIsNotAWorkbookIsRefused() {
        for (byte[] body : List.of("citizen_id,person_name\n513322198001010010,x\n".getBytes(StandardCharsets.UTF_8),
                new byte[]{'P', 'K', 3, 4, 0, 0, 0, 0}, new byte[0])) {
            problem(sender().contentType(ExchangeResource.XLSX).body(body).when().post(RECORDS).then(), 415, "body")
                    .body("type", equalTo("urn:pdx:problem:records.not-a-workbook"));
        }
    }

    @Test
    void malformedMultipartIsAClientError() {
        String documents = "/api/v1/exchange/" + ExchangeFlowTest.POPULATION + "/documents";
        sender().contentType("multipart/form-data; boundary=XYZ")
                .body("--XYZ\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\nno end".getBytes(StandardCharsets.UTF_8))
                .when().post(documents).then().log().ifValidationFails().statusCode(400).contentType("application/problem+json");
        sender().contentType("multipart/form-data").body("no boundary at all".getBytes(StandardCharsets.UTF_8))
                .when().post(documents).then().log().ifValidationFails().statusCode(400).contentType("application/problem+json");
        sender().contentType("multipart/form-data; boundary=XYZ").body("--XYZ--\r\n".getBytes(StandardCharsets.UTF_8))
                .when().post(documents).then().log().ifValidationFails().statusCode(400).body("field", equalTo("body"));
    }

    @Test
    void aBodyOverTheLimitIsAnswered413NotReset() throws Exception {
        byte[] seventyMegabytes = new byte[70 * 1024 * 1024];
        java.util.Arrays.fill(seventyMegabytes, (byte) ' ');
        seventyMegabytes[0] = '[';
        seventyMegabytes[seventyMegabytes.length - 1] = ']';
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        for (String path : List.of(RECORDS, "/api/v1/exchange/" + ExchangeFlowTest.POPULATION + "/documents")) {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .header("Authorization", "Bearer demo-system").header("Content-Type", "application/json")
                    .header("Pdx-Person", "p").header("Pdx-Purpose", "q")
                    .timeout(Duration.ofSeconds(60))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(seventyMegabytes)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(413, response.statusCode(), path);
            assertTrue(response.body().contains("\"field\":\"body\""), response.body());
            assertTrue(response.body().contains("at most"), response.body());
        }
        // The records limit is lower than the documents' one, and says so.
        byte[] twentyMegabytes = java.util.Arrays.copyOf(seventyMegabytes, 20 * 1024 * 1024);
        twentyMegabytes[twentyMegabytes.length - 1] = ']';
        HttpResponse<String> records = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + RECORDS))
                .header("Authorization", "Bearer demo-system").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(twentyMegabytes)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(413, records.statusCode());
        assertTrue(records.body().contains("at most 16777216 bytes"), records.body());
    }

    @Test
    void headersOverTheirLimitAreRefusedNamingTheHeaderBeforeAnythingIsWritten() {
        long before = usageEntries();
        problem(system().header("Pdx-Person", "张".repeat(101)).header("Pdx-Purpose", "q").body("[" + VALID_RECORD + "]")
                .when().post(RECORDS).then(), 400, "Pdx-Person").body("detail", containsString("at most 100"));
        problem(system().header("Pdx-Person", "p").header("Pdx-Purpose", "用".repeat(501)).body("[" + VALID_RECORD + "]")
                .when().post(RECORDS).then(), 400, "Pdx-Purpose").body("detail", containsString("at most 500"));
        problem(sender().header("Pdx-Trace-Id", "t".repeat(101)).body("[" + VALID_RECORD + "]")
                .when().post(RECORDS).then(), 400, "Pdx-Trace-Id");
        problem(sender().header("Pdx-Message-Id", "m".repeat(65)).body("[" + VALID_RECORD + "]")
                .when().post(RECORDS).then(), 400, "Pdx-Message-Id");
        problem(sender().header("Pdx-Anything", "x".repeat(300)).body("[" + VALID_RECORD + "]")
                .when().post(RECORDS).then(), 400, "Pdx-Anything");
        // Every entry point that takes these headers: reads, open data.
        problem(system().header("Pdx-Person", "张".repeat(101)).header("Pdx-Purpose", "q").when().get(RECORDS).then(), 400, "Pdx-Person");
        problem(given().header("Pdx-Purpose", "用".repeat(501))
                .when().get("/api/v1/open/resources/" + ExchangeFlowTest.POPULATION + "/data").then(), 400, "Pdx-Purpose");
        assertEquals(before, usageEntries(), "a refused header leaves no usage-log entry");
    }

    @Test
    void everyHeaderLimitIsTheWidthOfTheColumnItIsStoredIn() {
        // Pdx-Trace-Id was let through up to 100 characters into a column of 64: the store, not the
        // header check, refused 65 to 100, and its answer could not say which header or how long.
        Map<String, String> columns = Map.of("Pdx-Person", "person", "Pdx-Purpose", "purpose", "Pdx-Trace-Id", "trace_id",
                "Pdx-Message-Id", "message_id");
        assertEquals(columns.keySet(), Headers.LIMITS.stream().map(Headers.Limit::http).collect(Collectors.toSet()));
        for (Headers.Limit limit : Headers.LIMITS) {
            int width = sql.one("select character_maximum_length from information_schema.columns where lower(table_name) = 'usage_log'"
                    + " and lower(column_name) = ?", rs -> rs.getInt(1), columns.get(limit.http())).orElseThrow();
            assertEquals(width, limit.maxLength(), limit.http() + " is stored in usage_log." + columns.get(limit.http()));
        }
    }

    @Test
    void aHeaderAtItsLimitIsTakenAndOneCharacterMoreIsRefusedNamingIt() {
        for (Headers.Limit limit : Headers.LIMITS) {
            // ASCII, so that characters and bytes agree; the message id new each time, so that each is a new message.
            String at = (limit.http().equals("Pdx-Message-Id") ? "m" + System.nanoTime() : "v").concat("x".repeat(limit.maxLength()))
                    .substring(0, limit.maxLength());
            senderWith(limit.http(), at).body("[" + VALID_RECORD + "]").when().post(RECORDS).then()
                    .log().ifValidationFails().statusCode(202);
            problem(senderWith(limit.http(), at + "x").body("[" + VALID_RECORD + "]").when().post(RECORDS).then(), 400, limit.http())
                    .body("detail", containsString("at most " + limit.maxLength()));
        }
    }

    @Test
    void aMessageIdOfOtherCharactersIsRefusedOnEveryEntryPointAndNotWritten() {
        long before = usageEntries();
        for (String id : List.of("a b", "../../etc/passwd", "中文", "id;drop", "<x>", "a%2Fb")) {
            problem(sender().header("Pdx-Message-Id", id).body("[" + VALID_RECORD + "]").when().post(RECORDS).then(), 400, "Pdx-Message-Id")
                    .body("detail", containsString("letters, digits and . _ : ~ -"));
            problem(sender().header("Pdx-Message-Id", id).contentType("text/csv").body("citizen_id,person_name\n513322198001010010,x\n")
                    .when().post(RECORDS).then(), 400, "Pdx-Message-Id");
        }
        assertEquals(before, usageEntries());
        sender().header("Pdx-Message-Id", "  ").body("[" + VALID_RECORD + "]").when().post(RECORDS).then()
                .log().ifValidationFails().statusCode(202).body("messageId", not(equalTo("  ")));
    }

    @Test
    void lineBreaksAndControlCharactersInHeadersAreRefused() throws Exception {
        long before = usageEntries();
        String injected = "FORGED-LOG-LINE-" + System.nanoTime();
        for (String person : List.of("张科员%0D%0A" + injected, "张科员%0A" + injected, "张科员%09x", "张科员%00x", "张科员%E2%80%A8x")) {
            problem(system().header("Pdx-Person", person).header("Pdx-Purpose", "q").body("[" + VALID_RECORD + "]")
                    .when().post(RECORDS).then(), 400, "Pdx-Person").body("detail", containsString("control character"));
        }
        problem(system().header("Pdx-Person", "p").header("Pdx-Purpose", "a%01b").body("[" + VALID_RECORD + "]")
                .when().post(RECORDS).then(), 400, "Pdx-Purpose");
        assertEquals(before, usageEntries());
        assertFalse(Files.readString(Path.of("target/test-node.log")).contains(injected), "no forged line in the log");
    }

    @Test
    void headersThatAreNotUtf8AreRefused() {
        problem(system().header("Pdx-Person", "%C0%AF").header("Pdx-Purpose", "q").body("[" + VALID_RECORD + "]")
                .when().post(RECORDS).then(), 400, "Pdx-Person").body("detail", containsString("UTF-8"));
    }

    @Test
    void aRawIdInThePersonHeaderIsRefusedWithoutEchoingIt() throws Exception {
        long before = usageEntries();
        for (String person : List.of(RAW_ID, "张科员 " + RAW_ID, "513321 19900303 0013", "13912345678")) {
            problem(system().header("Pdx-Person", person).header("Pdx-Purpose", "q").body("[" + VALID_RECORD + "]")
                    .when().post(RECORDS).then(), 400, "Pdx-Person")
                    .body(not(containsString(RAW_ID))).body(not(containsString("13912345678")));
        }
        assertEquals(before, usageEntries());
        assertFalse(Files.readString(Path.of("target/test-node.log")).contains(RAW_ID), "the raw ID is not in the log");
    }

    @Test
    void aRawIdSentAsAFieldNameIsNamedByPositionAndNotStored() throws Exception {
        long before = usageEntries();
        String body = "[" + VALID_RECORD + ", {\"person_name\":\"x\",\"citizen_id\":\"513322198001010010\",\"" + RAW_ID + "\":\"x\"}]";
        problem(sender().body(body).when().post(RECORDS).then(), 400, "[1] field #3")
                .body("detail", containsString("field #3 of record #1"))
                .body(not(containsString(RAW_ID)));
        problem(sender().contentType("text/csv").body("citizen_id," + RAW_ID + "\n513322198001010010,x\n").when().post(RECORDS).then(),
                400, "[0] field #2").body(not(containsString(RAW_ID)));
        assertEquals(before, usageEntries());
        assertEquals(0, sql.count("select count(*) from usage_log where detail like ?", "%" + RAW_ID + "%"));
        assertFalse(Files.readString(Path.of("target/test-node.log")).contains(RAW_ID), "the raw ID is not in the log");
    }

    @Test
    void matrixParametersAndCodesOutsideTheCatalogSyntaxAreRefusedNamingCode() {
        for (String code : List.of(ExchangeFlowTest.POPULATION + ";x=1", ExchangeFlowTest.POPULATION + "%3Bx=1", "gz-psb-pop-001",
                "GZ-PSB-POP-001%0A", "A".repeat(65), "..%2Fpdx.dlq")) {
            problem(sender().body("[" + VALID_RECORD + "]").when().post("/api/v1/exchange/" + code + "/records").then(), 400, "code");
        }
        problem(system().header("Pdx-Person", "p").header("Pdx-Purpose", "q")
                .when().get("/api/v1/exchange/" + ExchangeFlowTest.POPULATION + ";jsessionid=1/records").then(), 400, "code");
    }

    @Test
    void goodInputIsStillAccepted() {
        sender().body("[" + VALID_RECORD + "]").when().post(RECORDS).then().log().ifValidationFails().statusCode(202).body("accepted", equalTo(1));
        sender().contentType("text/csv").body("citizen_id,person_name\n513322198001010010,达娃\n".getBytes(StandardCharsets.UTF_8)).when().post(RECORDS)
                .then().log().ifValidationFails().statusCode(202).body("accepted", equalTo(1));
        system().header("Pdx-Person", "%E5%BC%A0%E7%A7%91%E5%91%98").header("Pdx-Purpose", "q").body("[" + VALID_RECORD + "]")
                .when().post(RECORDS).then().log().ifValidationFails().statusCode(202);
    }

    private long usageEntries() {
        return sql.count("select count(*) from usage_log");
    }

    private static byte[] bytes(String head, byte[] middle, String tail) {
        byte[] h = head.getBytes(StandardCharsets.UTF_8);
        byte[] t = tail.getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[h.length + middle.length + t.length];
        System.arraycopy(h, 0, out, 0, h.length);
        System.arraycopy(middle, 0, out, h.length, middle.length);
        System.arraycopy(t, 0, out, h.length + middle.length, t.length);
        return out;
    }

}
