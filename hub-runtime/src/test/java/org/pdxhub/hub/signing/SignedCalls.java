package org.pdxhub.hub.signing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.specification.RequestSpecification;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;

/** Signed requests as a department system would make them, for the tests of this package. */
final class SignedCalls {

    static final String PSB_KEY = "demo-psb-system";
    static final byte[] PSB_SECRET = Base64.getDecoder().decode("ZGVtby1zaWduaW5nLXBzYi1wb3B1bGF0aW9uLXN5c3RlbS0yMDI2");
    static final String POPULATION = "GZ-PSB-POP-001";
    static final String RECORDS = "/api/v1/exchange/" + POPULATION + "/records";

    static byte[] json(Object value) {
        try {
            return new ObjectMapper().writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A request with every signature header set for these exact bytes, now, with a fresh nonce. */
    static RequestSpecification signed(String method, String path, byte[] body) {
        return signed(method, path, body, Instant.now().getEpochSecond(), nonce());
    }

    static RequestSpecification signed(String method, String path, byte[] body, long timestamp, String nonce) {
        return signed(method, path, body, timestamp, nonce, Map.of());
    }

    /** The same, with some headers set to other values after signing, as a forger or a broken client would. */
    static RequestSpecification signed(String method, String path, byte[] body, long timestamp, String nonce, Map<String, String> replaced) {
        String digest = Signature.contentSha256(body);
        String ts = Long.toString(timestamp);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Pdx-Person", "公安局人口系统");
        headers.put("Pdx-Purpose", "人口基础信息汇聚");
        headers.put(Signature.KEY_ID, PSB_KEY);
        headers.put(Signature.TIMESTAMP, ts);
        headers.put(Signature.NONCE, nonce);
        headers.put(Signature.CONTENT_SHA256, digest);
        headers.put(Signature.SIGNATURE, Signature.sign(PSB_SECRET, method, path, ts, nonce, digest));
        headers.putAll(replaced);
        return given().contentType("application/json").headers(headers).body(body);
    }

    static String nonce() {
        return UUID.randomUUID().toString().replace("-", "");
    }

    static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private SignedCalls() {
    }
}
