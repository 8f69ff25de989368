package org.pdxhub.hub.audit;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.pdxhub.hub.store.Store;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pdxhub.hub.testing.DemoKeys.reviewer;
import static org.pdxhub.hub.testing.DemoKeys.specialist;

/**
 * The usage log attacked as someone with write access to the store would: plain JDBC on the
 * node's own store, rows deleted, the head moved back, entries rewritten with the chain recomputed.
 * The node is its own parent here (its parent link and its child link both point at itself over
 * the signed REST interface), so its signed head travels the real link and comes back acknowledged.
 */
@QuarkusTest
@TestProfile(UsageLogTamperTest.WitnessedByItself.class)
class UsageLogTamperTest {

    static final String COUNTY = "11513301MB0000001W";
    static final String AGENCY = "11513300MB0000001E";
    static final String CHILD_LINK = "kangding-county";

    public static class WitnessedByItself implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            String self = "http://127.0.0.1:${quarkus.http.test-port}";
            String countyKey = "base64:ZGVtby1zaWduaW5nLWthbmdkaW5nLWNvdW50eS1hdC1nYW56aS0yMDI2";
            String parentKey = "base64:" + Base64.getEncoder().encodeToString("usage-log-test-parent-signing-key-2026".getBytes(StandardCharsets.UTF_8));
            return Map.ofEntries(
                    Map.entry("pdx.node.parent.id", "self-parent"),
                    Map.entry("pdx.node.parent.address", self),
                    Map.entry("pdx.node.parent.organisation", AGENCY),
                    Map.entry("pdx.node.parent.resources[0]", "NONE-SUBSCRIBED"),
                    Map.entry("pdx.signing.peers.self-parent.key-id", "kangding-county"),
                    Map.entry("pdx.signing.peers.self-parent.secret", countyKey),
                    Map.entry("pdx.node.children[0].id", CHILD_LINK),
                    Map.entry("pdx.node.children[0].address", self),
                    Map.entry("pdx.node.children[0].organisation", COUNTY),
                    Map.entry("pdx.signing.keys.self-parent-down.secret", parentKey),
                    Map.entry("pdx.signing.keys.self-parent-down.organisation", AGENCY),
                    Map.entry("pdx.signing.keys.self-parent-down.roles", "SYSTEM"),
                    Map.entry("pdx.signing.peers.kangding-county.key-id", "self-parent-down"),
                    Map.entry("pdx.signing.peers.kangding-county.secret", parentKey),
                    // The tests sign and verify when they attack; nothing scheduled in between.
                    Map.entry("pdx.usage-log.witness-every", "1h"),
                    Map.entry("pdx.usage-log.verify-every", "1h"),
                    Map.entry("pdx.usage-log.full-verify-after-start", "1h"));
        }
    }

    private static final List<String> TABLES = List.of("usage_log", "usage_log_head", "usage_log_checkpoint", "usage_log_witnessed",
            "usage_log_witness");

    @Inject
    UsageLog log;

    @Inject
    UsageLogWatch watch;

    @Inject
    UsageLogKeys keys;

    @Inject
    LocalHead localHead;

    @Inject
    Store store;

    private byte[] signedHeadFile;

    /** What the attacks change is put back afterwards: the store's tables and the signed head file. */
    @BeforeEach
    void keepACopy() throws Exception {
        await().atMost(Duration.ofSeconds(30)).until(() -> log.witnessed().head().isPresent()); // the head signed at start came back
        try (Connection c = store.dataSource().getConnection(); Statement s = c.createStatement()) {
            for (String t : TABLES) {
                s.execute("drop table if exists kept_" + t);
                s.execute("create table kept_" + t + " as select * from " + t);
            }
        }
        log.signHead();
        signedHeadFile = Files.readAllBytes(localHead.file());
    }

    @AfterEach
    void putBack() throws Exception {
        try (Connection c = store.dataSource().getConnection(); Statement s = c.createStatement()) {
            for (String t : TABLES) {
                s.execute("delete from " + t);
                s.execute("insert into " + t + " select * from kept_" + t);
                s.execute("drop table kept_" + t);
            }
        }
        Files.write(localHead.file(), signedHeadFile);
        log.loadHead();
        var whole = log.verify(1L);
        assertTrue(whole.intact(), "put back: " + whole);
    }

    @Test
    void aChainWrittenBeforeSealingStillVerifiesAndGoesOnSealed() throws Exception {
        assertEquals(0, log.head().seq(), "every test starts from the empty chain of this node");
        String prev = UsageLog.GENESIS;
        for (long seq = 1; seq <= 2; seq++) { // as the node wrote them before sealing: plain SHA-256, no seal column
            UsageEntry e = new UsageEntry(log.nodeId(), seq, Instant.parse("2026-11-01T08:00:00Z").plusSeconds(seq), "审计测试",
                    COUNTY, "before sealing", null, "T-TAMPER", "SHARE", "county", 1, 0, UsageDecision.DELIVERED, null, null,
                    "0".repeat(64), "t", "legacy-" + seq, null, prev, null);
            String hash = Seal.sha256(e.canonical());
            attacker("insert into usage_log (node_id, seq, at, person, organisation, purpose, resource_code, destination, fields,"
                            + " record_count, rejected_count, decision, payload_digest, trace_id, message_id, prev_hash, hash)"
                            + " values (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", e.nodeId(), e.seq(), e.at().atOffset(ZoneOffset.UTC),
                    e.person(), e.organisation(), e.purpose(), e.resourceCode(), e.destination(), e.fields(), e.recordCount(),
                    e.rejectedCount(), e.decision().name(), e.payloadDigest(), e.traceId(), e.messageId(), prev, hash);
            prev = hash;
        }
        attacker("delete from usage_log_head where node_id = ?", log.nodeId());
        attacker("insert into usage_log_head (node_id, seq, hash) values (?, ?, ?)", log.nodeId(), 2L, prev);
        log.loadHead(); // the node starts on the upgraded store
        log.append(entry("after sealing"));

        var v = log.verify(1L);

        assertTrue(v.intact(), v.toString());
        assertEquals(3, v.entries());
    }

    @Test
    void deletingTheNewestEntriesIsFoundAfterTheNodeAppendsAgain() throws Exception {
        long newest = appendThree();
        attacker("delete from usage_log where node_id = ? and seq > ?", log.nodeId(), newest - 2);
        log.loadHead(); // the node restarts
        log.append(entry("after the cut"));

        var v = log.verify();

        assertFalse(v.intact(), v.toString());
        assertEquals(newest - 1, v.brokenAtSeq());
        assertTrue(v.problem().contains("missing"), v.problem());
    }

    @Test
    void deletingTheNewestEntriesAndMovingTheHeadBackIsFoundByTheSignedHead() throws Exception {
        long newest = appendThree();
        log.signHead(); // as the node does every witness-every and on shutdown
        cutTo(newest - 2);
        log.loadHead(); // the node restarts

        var v = log.verify();

        assertFalse(v.intact(), v.toString());
        assertEquals(newest - 1, v.brokenAtSeq());
        assertTrue(v.problem().contains("entries " + (newest - 1) + " to " + newest + " are missing"), v.problem());
    }

    @Test
    void movingTheHeadBackWhileTheNodeRunsIsFoundAtOnce() throws Exception {
        long newest = appendThree();
        cutTo(newest - 2);

        var v = log.verify();

        assertFalse(v.intact(), v.toString());
        assertTrue(v.problem().contains("missing"), v.problem());
    }

    @Test
    void aCutHiddenFromTheNodeItselfIsFoundByTheParentsWitness() throws Exception {
        long before = log.head().seq();
        byte[] oldSignedHead = Files.readAllBytes(localHead.file());
        long newest = appendThree();
        watch.witness();
        await().atMost(Duration.ofSeconds(30)).until(() -> log.witnessed().head().map(SignedHead::seq).orElse(-1L) == newest);
        // Someone with the store and the data folder removes the three entries and every trace of them here.
        cutTo(before);
        Files.write(localHead.file(), oldSignedHead);
        attacker("delete from usage_log_witnessed where node_id = ?", log.nodeId());
        attacker("delete from usage_log_checkpoint where node_id = ?", log.nodeId());
        log.loadHead();
        watch.witness(); // the next head sent up goes back

        await().atMost(Duration.ofSeconds(30)).until(() -> log.witnessed().head().map(SignedHead::seq).orElse(-1L) == newest);
        var v = log.verify();

        assertFalse(v.intact(), v.toString());
        assertTrue(v.problem().contains("the parent witnessed"), v.problem());
        JsonPath witness = reviewer().when().get("/api/v1/usage-log/witness").then().statusCode(200).extract().jsonPath();
        assertEquals(newest, witness.getLong("find { it.childLink == '" + CHILD_LINK + "' }.seq"));
        assertTrue(witness.getString("find { it.childLink == '" + CHILD_LINK + "' }.problem").contains("went back"));
    }

    @Test
    void theSignedHeadArrivesAtTheParentAndItsAcknowledgementComesBack() {
        long newest = appendThree();

        watch.witness();

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> reviewer().when().get("/api/v1/usage-log/witness").then()
                .statusCode(200)
                .body("find { it.childLink == '" + CHILD_LINK + "' }.node", equalTo(log.nodeId()))
                .body("find { it.childLink == '" + CHILD_LINK + "' }.seq", equalTo((int) newest))
                .body("find { it.childLink == '" + CHILD_LINK + "' }.hash", equalTo(log.head().hash())));
        await().atMost(Duration.ofSeconds(30)).until(() -> log.witnessed().head().map(SignedHead::seq).orElse(-1L) == newest);
        assertEquals(newest, log.verify().witnessedSeq());
    }

    @Test
    void onlyReviewersAndAdminsSeeTheWitness() {
        specialist().when().get("/api/v1/usage-log/witness").then().statusCode(403);
    }

    @Test
    void aRewrittenEntryWithTheChainRecomputedInPlainSha256IsFound() throws Exception {
        long newest = appendThree();
        rewriteFrom(newest - 1, (e, text) -> Seal.sha256(text), null);

        var v = log.verify();

        assertFalse(v.intact(), v.toString());
        assertEquals(newest - 1, v.brokenAtSeq());
        assertTrue(v.problem().contains("seal does not match"), v.problem());
    }

    @Test
    void aRewrittenEntryThatClaimsToBeFromBeforeSealingIsFound() throws Exception {
        long newest = appendThree();
        rewriteFrom(newest - 1, (e, text) -> Seal.sha256(text), Seal.LEGACY);

        var v = log.verify();

        assertFalse(v.intact(), v.toString());
        assertEquals(newest - 1, v.brokenAtSeq());
        assertTrue(v.problem().contains("has no seal but follows sealed entries"), v.problem());
    }

    @Test
    void aRewrittenEntrySealedUnderAWrongKeyIsFound() throws Exception {
        long newest = appendThree();
        Seal wrong = new Seal(Seal.Algorithm.HMAC_SHA256, randomKey());
        rewriteFrom(newest - 1, (e, text) -> wrong.seal(text), null);

        var v = log.verify();

        assertFalse(v.intact(), v.toString());
        assertEquals(newest - 1, v.brokenAtSeq());
        assertTrue(v.problem().contains("seal does not match"), v.problem());
    }

    @Test
    void aRewrittenEntryNamingTheAttackersOwnKeyIsFound() throws Exception {
        long newest = appendThree();
        Seal own = new Seal(Seal.Algorithm.HMAC_SHA256, randomKey());
        rewriteFrom(newest - 1, (e, text) -> own.seal(text), own.id());

        var v = log.verify();

        assertFalse(v.intact(), v.toString());
        assertTrue(v.problem().contains("whose key is not configured"), v.problem());
    }

    @Test
    void aForgedCheckpointIsFound() throws Exception {
        long newest = appendThree();
        log.verify();
        attacker("update usage_log_checkpoint set seq = ? where node_id = ?", newest - 1, log.nodeId());

        var v = log.verify();

        assertFalse(v.intact(), v.toString());
        assertTrue(v.problem().contains("checkpoint"), v.problem());
    }

    @Test
    void aBreakTurnsTheUsageLogCheckDownLogsOneErrorAndIsCounted() throws Exception {
        List<LogRecord> errors = new ArrayList<>();
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord r) {
                if (r.getLevel().intValue() >= Level.SEVERE.intValue()) {
                    errors.add(r);
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger logger = Logger.getLogger(UsageLogState.class.getName());
        logger.addHandler(handler);
        try {
            long newest = appendThree();
            attacker("update usage_log set purpose = ? where node_id = ? and seq = ?", "a purpose nobody gave", log.nodeId(), newest - 1);

            for (int i = 0; i < 3; i++) {
                log.verify();
            }

            given().when().get("/q/health").then().statusCode(503)
                    .body("checks.find { it.name == 'usage-log' }.status", equalTo("DOWN"))
                    .body("checks.find { it.name == 'usage-log' }.data.brokenAtSeq", equalTo(String.valueOf(newest - 1)));
            given().when().get("/q/health/ready").then().statusCode(200); // still serving
            assertEquals(1, errors.size(), "one ERROR for one break, not one per check: " + errors);
            String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
            double broken = metrics.lines().filter(l -> l.startsWith("pdx_usage_log_broken")).map(l -> l.substring(l.lastIndexOf(' ') + 1))
                    .mapToDouble(Double::parseDouble).findFirst().orElse(0);
            assertTrue(broken > 0, "pdx_usage_log_broken is counted");
        } finally {
            logger.removeHandler(handler);
        }
    }

    @Test
    void aBreakStaysReportedUntilAWholeVerifyPasses() throws Exception {
        long newest = appendThree();
        attacker("update usage_log set purpose = ? where node_id = ? and seq = ?", "a purpose nobody gave", log.nodeId(), newest);
        assertFalse(log.verify().intact());
        attacker("update usage_log set purpose = ? where node_id = ? and seq = ?", "usage-log tamper test", log.nodeId(), newest);

        var v = log.verify(1L);

        assertTrue(v.intact(), v.toString());
        given().when().get("/q/health").then().body("checks.find { it.name == 'usage-log' }.status", equalTo("UP"));
    }

    // --- the attacker's tools: plain JDBC on the node's store -----------------------------------

    private interface Recompute {
        String hash(UsageEntry entry, String canonical);
    }

    /** Changes the purpose of entry {@code from} and recomputes the chain after it to the head, as the attacker can. */
    private void rewriteFrom(long from, Recompute recompute, String sealColumn) throws SQLException {
        try (Connection c = store.dataSource().getConnection()) {
            List<ChainWalk.Stored> rows = ChainWalk.jdbc(c, log.nodeId()).read(from, Long.MAX_VALUE, 1000);
            var before = ChainWalk.jdbc(c, log.nodeId()).read(from - 1, from - 1, 1);
            String prev = before.isEmpty() ? UsageLog.GENESIS : before.get(0).entry().hash();
            for (ChainWalk.Stored row : rows) {
                UsageEntry e = row.entry();
                UsageEntry changed = new UsageEntry(e.nodeId(), e.seq(), e.at(), e.person(), e.organisation(),
                        e.seq() == from ? "rewritten purpose" : e.purpose(), e.grantId(), e.resourceCode(), e.destination(), e.fields(),
                        e.recordCount(), e.rejectedCount(), e.decision(), e.rule(), e.masking(), e.payloadDigest(), e.traceId(),
                        e.messageId(), e.detail(), prev, null);
                String hash = recompute.hash(changed, changed.canonical());
                try (PreparedStatement ps = c.prepareStatement(
                        "update usage_log set purpose = ?, prev_hash = ?, hash = ?, seal = coalesce(?, seal) where node_id = ? and seq = ?")) {
                    ps.setString(1, changed.purpose());
                    ps.setString(2, prev);
                    ps.setString(3, hash);
                    ps.setString(4, sealColumn);
                    ps.setString(5, e.nodeId());
                    ps.setLong(6, e.seq());
                    ps.executeUpdate();
                }
                prev = hash;
            }
            try (PreparedStatement ps = c.prepareStatement("update usage_log_head set hash = ? where node_id = ?")) {
                ps.setString(1, prev);
                ps.setString(2, log.nodeId());
                ps.executeUpdate();
            }
        }
    }

    /** Deletes the entries after {@code seq} and moves usage_log_head back to it. */
    private void cutTo(long seq) throws SQLException {
        attacker("delete from usage_log where node_id = ? and seq > ?", log.nodeId(), seq);
        try (Connection c = store.dataSource().getConnection()) {
            String hash = seq == 0 ? UsageLog.GENESIS : ChainWalk.jdbc(c, log.nodeId()).read(seq, seq, 1).get(0).entry().hash();
            try (PreparedStatement ps = c.prepareStatement("update usage_log_head set seq = ?, hash = ? where node_id = ?")) {
                ps.setLong(1, seq);
                ps.setString(2, hash);
                ps.setString(3, log.nodeId());
                ps.executeUpdate();
            }
        }
    }

    private void attacker(String sql, Object... params) throws SQLException {
        try (Connection c = store.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            ps.executeUpdate();
        }
    }

    private long appendThree() {
        UsageEntry last = null;
        for (int i = 0; i < 3; i++) {
            last = log.append(entry("m" + i));
        }
        assertNotNull(last);
        return last.seq();
    }

    private static UsageEntry entry(String messageId) {
        return new UsageEntry(null, 0, null, "审计测试", COUNTY, "usage-log tamper test", null, "T-TAMPER", "SHARE",
                "county", 1, 0, UsageDecision.DELIVERED, null, null, "0".repeat(64), "t", messageId, null, null, null);
    }

    private static byte[] randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return key;
    }
}
