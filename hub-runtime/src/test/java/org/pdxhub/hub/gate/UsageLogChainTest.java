package org.pdxhub.hub.gate;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.pdxhub.hub.audit.UsageDecision;
import org.pdxhub.hub.audit.UsageEntry;
import org.pdxhub.hub.audit.UsageLog;
import org.pdxhub.hub.audit.UsageLogKeys;
import org.pdxhub.hub.store.Sql;

import java.util.List;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pdxhub.hub.testing.DemoKeys.reviewer;

/** The usage log's sealed chain finds an edited, a removed and a truncated entry (the attacks in detail: audit.UsageLogTamperTest). */
@QuarkusTest
class UsageLogChainTest {

    @Inject
    UsageLog log;

    @Inject
    Sql sql;

    private final java.util.ArrayList<Runnable> undo = new java.util.ArrayList<>();

    @Inject
    UsageLogKeys keys;

    /** A break stays reported until a whole walk passes: the restored chain is walked from entry 1. */
    @AfterEach
    void restore() {
        undo.forEach(Runnable::run);
        undo.clear();
        var whole = log.verify(1L);
        assertTrue(whole.intact(), "restored: " + whole);
    }

    private List<UsageEntry> three() {
        for (int i = 0; i < 3; i++) {
            log.append(new UsageEntry(null, 0, null, "审计测试", "11513300MB0000004P", "chain test", null, "T-CHAIN", "SHARE",
                    "county", 1, 0, UsageDecision.DELIVERED, null, null, "0".repeat(64), "t", "m" + i, null, null, null));
        }
        return log.query(new UsageLog.Query("T-CHAIN", null, null, null, null, 3));
    }

    @Test
    void anIntactLogVerifies() {
        three();
        reviewer().when().get("/api/v1/usage-log/verify").then().statusCode(200)
                .body("intact", equalTo(true)).body("entries", greaterThanOrEqualTo(3));
    }

    @Test
    void anEditedRowIsReportedByVerify() {
        UsageEntry middle = three().get(1);
        sql.update("update usage_log set purpose = ? where node_id = ? and seq = ?", "edited purpose", middle.nodeId(), middle.seq());
        undo.add(() -> sql.update("update usage_log set purpose = ? where node_id = ? and seq = ?", "chain test", middle.nodeId(), middle.seq()));

        reviewer().when().get("/api/v1/usage-log/verify").then().statusCode(200)
                .body("intact", equalTo(false))
                .body("brokenAtSeq", equalTo((int) middle.seq()));
    }

    @Test
    void aDeletedRowIsReportedByVerify() {
        UsageEntry middle = three().get(1);
        sql.update("delete from usage_log where node_id = ? and seq = ?", middle.nodeId(), middle.seq());
        undo.add(() -> reinsert(middle));

        reviewer().when().get("/api/v1/usage-log/verify").then().statusCode(200)
                .body("intact", equalTo(false))
                .body("problem", org.hamcrest.Matchers.containsString("missing"));
    }

    @Test
    void removingTheNewestEntryIsReportedToo() {
        UsageEntry newest = three().get(0);
        sql.update("delete from usage_log where node_id = ? and seq = ?", newest.nodeId(), newest.seq());
        undo.add(() -> reinsert(newest));

        reviewer().when().get("/api/v1/usage-log/verify").then().statusCode(200).body("intact", equalTo(false));
    }

    @Test
    void onlyReviewersAndAdminsVerify() {
        org.pdxhub.hub.testing.DemoKeys.specialist().when().get("/api/v1/usage-log/verify").then().statusCode(403);
    }

    private void reinsert(UsageEntry e) {
        sql.update("insert into usage_log (node_id, seq, at, person, organisation, purpose, grant_id, resource_code, destination, fields,"
                        + " record_count, rejected_count, decision, rule, masking, payload_digest, trace_id, message_id, detail, prev_hash, hash, seal)"
                        + " values (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                e.nodeId(), e.seq(), e.at(), e.person(), e.organisation(), e.purpose(), e.grantId(), e.resourceCode(), e.destination(),
                e.fields(), e.recordCount(), e.rejectedCount(), e.decision(), e.rule(), e.masking(), e.payloadDigest(), e.traceId(),
                e.messageId(), e.detail(), e.prevHash(), e.hash(), keys.current().id());
    }
}
