package org.pdxhub.hub.signing;

import io.quarkus.test.junit.QuarkusTest;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code deploy/pdx-sign} against the test node: an implementation of the signature in bash
 * and openssl, independent of {@link Signature}, so the two agreeing checks the documented form.
 */
@QuarkusTest
public class PdxSignScriptTest {

    static final Path SCRIPT = Path.of("../deploy/pdx-sign");
    static final String SECRET = "base64:ZGVtby1zaWduaW5nLXBzYi1wb3B1bGF0aW9uLXN5c3RlbS0yMDI2";

    @ConfigProperty(name = "quarkus.http.test-port")
    int port;

    @Test
    void aPersonSignsACurlRequestFromOutsideAndItIsAccepted() throws Exception {
        assumeTrue(onPath("curl") && onPath("openssl"), "curl and openssl are needed");
        Path body = Files.createTempFile("records", ".json");
        body.toFile().deleteOnExit();
        Files.writeString(body, "[{\"citizen_id\":\"513301199306060046\",\"person_name\":\"尼玛\",\"mobile\":\"13987654321\"}]");

        String out = run(SCRIPT.toString(), "--key-id", "demo-psb-system", "--secret", SECRET, "POST",
                "http://127.0.0.1:" + port + SignedCalls.RECORDS, body.toString(),
                "-H", "Pdx-Person: 公安局人口系统", "-H", "Pdx-Purpose: 人口基础信息汇聚", "-w", "\\n%{http_code}");
        assertTrue(out.endsWith("202") && out.contains("\"accepted\":1"), out);
    }

    @Test
    void aSignedGetWithAQueryIsAccepted() throws Exception {
        assumeTrue(onPath("curl") && onPath("openssl"), "curl and openssl are needed");
        String out = run(SCRIPT.toString(), "--key-id", "demo-psb-system", "--secret", SECRET, "GET",
                "http://127.0.0.1:" + port + "/api/v1/usage-log?resource=" + SignedCalls.POPULATION + "&limit=1", "-w", "\\n%{http_code}");
        assertTrue(out.endsWith("200"), out);
    }

    @Test
    void theWrongSecretIsRefusedWithTheReason() throws Exception {
        assumeTrue(onPath("curl") && onPath("openssl"), "curl and openssl are needed");
        String out = run(SCRIPT.toString(), "--key-id", "demo-psb-system", "--secret", "base64:" + "d3Jvbmctc2VjcmV0LXdyb25nLXNlY3JldC13cm9uZy0x",
                "GET", "http://127.0.0.1:" + port + "/api/v1/node", "-w", "\\n%{http_code}");
        assertTrue(out.endsWith("401") && out.contains("signing.signature-mismatch"), out);
    }

    private static boolean onPath(String tool) throws Exception {
        return new ProcessBuilder("sh", "-c", "command -v " + tool).start().waitFor() == 0;
    }

    private static String run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(new ArrayList<>(List.of(command))).redirectErrorStream(true).start();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "pdx-sign finished");
        return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    }
}
