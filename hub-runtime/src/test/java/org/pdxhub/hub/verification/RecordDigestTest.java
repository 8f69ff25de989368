package org.pdxhub.hub.verification;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.pdxhub.hub.catalog.Catalog;
import org.pdxhub.hub.exchange.RecordKeys;
import org.pdxhub.hub.sharing.Grant;
import org.pdxhub.hub.sharing.GrantSource;
import org.pdxhub.hub.sharing.Grants;
import org.pdxhub.hub.store.Sql;
import org.pdxhub.plugin.ResourceSpec;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pdxhub.hub.testing.DemoKeys.HRSS;
import static org.pdxhub.hub.testing.DemoKeys.as;
import static org.pdxhub.hub.testing.DemoKeys.system;

/**
 * Exact answers on items the node holds masked, from keyed digests of the raw values taken at the
 * gate passage: from the verifier's side (right, wrong, unknown, typed differently) and from the
 * side of one who reads the store and would get the values back.
 */
@QuarkusTest
class RecordDigestTest {

    static final String POPULATION = "GZ-PSB-POP-001";
    static final String PURPOSE = "hr-identity-check";
    /** Valid check characters, Daocheng (513329); used nowhere else. The check character X is sent in lower case. */
    static final String HELD_ID = VerificationTest.id("51332919880808009");
    static final String HELD_NAME = "央金卓嘎";
    static final String HELD_BIRTH = "1988-08-08";

    @Inject
    Sql sql;

    @Inject
    Grants grants;

    @Inject
    Catalog catalog;

    @Inject
    RecordKeys recordKeys;

    String storedKey;

    @BeforeEach
    void populationHeld() {
        ResourceSpec spec = catalog.publishedSpec(POPULATION).orElseThrow();
        storedKey = recordKeys.masked(spec, HELD_ID);
        if (sql.count("select count(*) from record_digest where resource_code = ? and record_key = ?", POPULATION, storedKey) == 0) {
            system().header("Pdx-Person", "pop-system").header("Pdx-Purpose", "population-aggregation")
                    .body(List.of(Map.of("citizen_id", HELD_ID.toLowerCase(), "person_name", HELD_NAME, "birth_date", HELD_BIRTH,
                            "address", "四川省甘孜藏族自治州稻城县金珠镇", "mobile", "13700002222")))
                    .when().post("/api/v1/exchange/" + POPULATION + "/records").then().statusCode(202);
            await().atMost(Duration.ofSeconds(15)).until(() ->
                    sql.count("select count(*) from dataset_record d join record_digest g on g.resource_code = d.resource_code"
                            + " and g.record_key = d.record_key and g.passage_seq = d.passage_seq where d.resource_code = ? and d.record_key = ?",
                            POPULATION, storedKey) > 0);
        }
        liveGrant();
    }

    @Test
    void aNameAndBirthDateHeldMaskedMatchWhenRightAndMismatchWhenWrong() {
        verify(List.of(Map.of("citizen_id", HELD_ID, "person_name", HELD_NAME, "birth_date", HELD_BIRTH),
                Map.of("citizen_id", HELD_ID, "person_name", "央金拉姆", "birth_date", HELD_BIRTH),
                Map.of("citizen_id", HELD_ID, "person_name", HELD_NAME, "birth_date", "1988-08-09")))
                .then().statusCode(200)
                .body("results[0].result", equalTo("MATCH")).body("results[0].fields.person_name", equalTo("MATCH"))
                .body("results[0].fields.birth_date", equalTo("MATCH"))
                // Same first character, same year: what the masked record alone could never tell apart.
                .body("results[1].result", equalTo("MISMATCH")).body("results[1].fields.person_name", equalTo("MISMATCH"))
                .body("results[1].fields.birth_date", equalTo("MATCH"))
                .body("results[2].result", equalTo("MISMATCH")).body("results[2].fields.birth_date", equalTo("MISMATCH"));
    }

    @Test
    void theSameValueTypedWithFullWidthDigitsSpacesOrALowerCaseCheckCharacterMatches() {
        verify(List.of(Map.of("citizen_id", HELD_ID.toLowerCase(), "person_name", "\u3000" + HELD_NAME,
                "birth_date", "１９８８-０８-０８")))
                .then().statusCode(200).body("results[0].result", equalTo("MATCH"))
                .body("results[0].fields.person_name", equalTo("MATCH")).body("results[0].fields.birth_date", equalTo("MATCH"));
    }

    @Test
    void aKeyTypedWithFullWidthDigitsOrSpacesAroundItFindsItsRecord() {
        StringBuilder fullWidth = new StringBuilder("\u3000");
        HELD_ID.chars().forEach(c -> fullWidth.append(Character.isDigit(c) ? (char) (c - '0' + '０') : (char) (c - 'A' + 'Ａ')));
        verify(List.of(Map.of("citizen_id", fullWidth + " ", "person_name", HELD_NAME, "birth_date", HELD_BIRTH)))
                .then().statusCode(200).body("results[0].result", equalTo("MATCH"))
                .body("results[0].fields.person_name", equalTo("MATCH")).body("results[0].fields.birth_date", equalTo("MATCH"));
    }

    @Test
    void anUnknownKeyIsAnsweredExactlyAsAHeldKeyWithWrongValues() {
        Response r = verify(List.of(Map.of("citizen_id", HELD_ID, "person_name", "格桑", "birth_date", "1970-01-01"),
                Map.of("citizen_id", VerificationTest.id("51332919880808002"), "person_name", HELD_NAME, "birth_date", HELD_BIRTH)));
        r.then().statusCode(200);
        Map<String, Object> held = new HashMap<>(r.path("results[0]"));
        Map<String, Object> notHeld = new HashMap<>(r.path("results[1]"));
        held.remove("index");
        notHeld.remove("index");
        assertEquals(held, notHeld);
        assertEquals("MISMATCH", notHeld.get("result"));
    }

    @Test
    void theDigestColumnHoldsNoRawValue() {
        List<String> rows = sql.list("select record_key, digests from record_digest", rs -> rs.getString(1) + "|" + rs.getString(2));
        assertFalse(rows.isEmpty());
        for (String raw : List.of(HELD_NAME, "央金", HELD_BIRTH, "19880808", HELD_ID, HELD_ID.substring(0, 17))) {
            assertTrue(rows.stream().noneMatch(row -> row.contains(raw)), raw + " in " + rows);
        }
        String held = sql.one("select payload from dataset_record where resource_code = ? and record_key = ?", rs -> rs.getString(1),
                POPULATION, storedKey).orElseThrow();
        assertFalse(held.contains(HELD_NAME) || held.contains(HELD_BIRTH), held);
    }

    @Test
    void aStoreReaderCannotTryValuesAgainstADigestWithoutTheKey() throws Exception {
        Map<String, String> digests = new ObjectMapper().readValue(
                sql.one("select digests from record_digest where resource_code = ? and record_key = ?", rs -> rs.getString(1),
                        POPULATION, storedKey).orElseThrow(), new TypeReference<>() {
                });
        String name = digests.get("person_name");
        // What a store reader can compute for a guess, without the key: plain hashes of the value, in every encoding.
        List<String> keyless = new ArrayList<>();
        for (String text : List.of(HELD_NAME, POPULATION + "\0person_name\0" + HELD_NAME)) {
            for (String algorithm : List.of("SHA-256", "SHA-512", "SHA-1", "MD5")) {
                byte[] h = MessageDigest.getInstance(algorithm).digest(text.getBytes(StandardCharsets.UTF_8));
                keyless.add(Base64.getEncoder().withoutPadding().encodeToString(h));
                keyless.add(Base64.getEncoder().encodeToString(h));
                keyless.add(HexFormat.of().formatHex(h));
            }
        }
        keyless.forEach(k -> assertNotEquals(k, name));
        // Nor under the usage-log key, which other readers of the node's configuration know.
        assertNotEquals(hmac("demo-usage-log-key-ganzi-platform-2026", HELD_NAME), name);
        // Under the node's digest key (the demo's here) it is exactly the value's, so guessing needs that key.
        assertEquals(hmac(DigestKey.DEMO_KEY, HELD_NAME), name);
        assertEquals(hmac(DigestKey.DEMO_KEY, HELD_BIRTH, "birth_date"), digests.get("birth_date"));
    }

    @Test
    void aRecordLandedBeforeDigestsWereKeptAnswersAsBefore() {
        String kept = sql.one("select digests from record_digest where resource_code = ? and record_key = ?", rs -> rs.getString(1),
                POPULATION, storedKey).orElseThrow();
        long seq = sql.one("select passage_seq from record_digest where resource_code = ? and record_key = ?", rs -> rs.getLong(1),
                POPULATION, storedKey).orElseThrow();
        try {
            sql.update("delete from record_digest where resource_code = ? and record_key = ?", POPULATION, storedKey);
            verify(List.of(Map.of("citizen_id", HELD_ID, "person_name", HELD_NAME, "birth_date", HELD_BIRTH)))
                    .then().statusCode(200).body("results[0].result", equalTo("UNKNOWN"))
                    .body("results[0].fields.person_name", equalTo("UNKNOWN")).body("results[0].fields.birth_date", equalTo("UNKNOWN"));
            // A digest of an earlier passage does not speak for a later version that came without one (relayed, masked upstream).
            sql.update("insert into record_digest (resource_code, record_key, passage_seq, digests) values (?, ?, ?, ?)",
                    POPULATION, storedKey, seq - 1, kept);
            verify(List.of(Map.of("citizen_id", HELD_ID, "person_name", HELD_NAME, "birth_date", HELD_BIRTH)))
                    .then().statusCode(200).body("results[0].result", equalTo("UNKNOWN"));
        } finally {
            sql.update("delete from record_digest where resource_code = ? and record_key = ?", POPULATION, storedKey);
            sql.update("insert into record_digest (resource_code, record_key, passage_seq, digests) values (?, ?, ?, ?)",
                    POPULATION, storedKey, seq, kept);
        }
    }

    private static String hmac(String key, String value) throws Exception {
        return hmac(key, value, "person_name");
    }

    private static String hmac(String key, String value, String item) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        mac.update((POPULATION + "\0" + item + "\0").getBytes(StandardCharsets.UTF_8));
        return Base64.getEncoder().withoutPadding().encodeToString(mac.doFinal(value.getBytes(StandardCharsets.UTF_8)));
    }

    private Response verify(List<Map<String, Object>> records) {
        return as("demo-system-hrss").header("Pdx-Person", URLEncoder.encode("人社局系统", StandardCharsets.UTF_8))
                .header("Pdx-Purpose", PURPOSE).body(Map.of("records", records)).when().post("/api/v1/verify/" + POPULATION);
    }

    /** A fresh verification grant with no history, so no test here meets another's quota or misses. */
    private void liveGrant() {
        for (Grant g : grants.heldBy(HRSS)) {
            if (g.source() == GrantSource.VERIFICATION_REQUEST) {
                grants.revoke(g.id(), "test");
            }
        }
        grants.issue(HRSS, POPULATION, Set.of("person_name", "birth_date"), Set.of(), PURPOSE, Instant.now().minusSeconds(5),
                Instant.now().plus(Duration.ofDays(1)), GrantSource.VERIFICATION_REQUEST, null, null, null, "test");
    }
}
