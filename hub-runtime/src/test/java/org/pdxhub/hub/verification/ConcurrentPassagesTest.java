package org.pdxhub.hub.verification;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.pdxhub.hub.store.Sql;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.pdxhub.hub.testing.DemoKeys.system;

/**
 * Messages carrying the same record, posted at the same moment under different ids (two of a
 * provider's systems, a retry beside the next version): each passes and is answered 202. Their
 * passages all write the record's verification digests, and before they met on the digest's key:
 * the losers were answered 409 for records the gate had already sent on to landing.
 */
@QuarkusTest
public class ConcurrentPassagesTest {

    static final String POPULATION = "GZ-PSB-POP-001";

    @Inject
    Sql sql;

    @Test
    void postsOfOneRecordAtOnceAllPassAndTheLastPassageHoldsItsDigests() throws Exception {
        // Rounds of a record new to the node: the race is on the digest row's insert.
        for (int round = 0; round < ROUNDS; round++) {
            String citizenId = VerificationTest.id("51330119880808" + String.format("%03d", FRESH.nextInt(1000)));
            List<Long> seqs = postAtOnce(citizenId, "same-record-" + UUID.randomUUID().toString().substring(0, 8) + "-");
            List<Long> held = sql.list("select passage_seq from record_digest where resource_code = ? and passage_seq in ("
                    + String.join(",", Collections.nCopies(seqs.size(), "?")) + ")", rs -> rs.getLong(1), params(seqs));
            assertEquals(List.of(Collections.max(seqs)), held, "one digest row, the last passage's");
        }
    }

    private static final int ROUNDS = 5;
    private static final int POSTS = 12;
    private static final Random FRESH = new Random();

    /** Posts one record under {@link #POSTS} message ids at once; each must be answered 202. Returns their passages' seqs. */
    private static List<Long> postAtOnce(String citizenId, String idPrefix) throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService senders = Executors.newFixedThreadPool(POSTS);
        List<Future<Long>> answers = new ArrayList<>();
        try {
            for (int i = 0; i < POSTS; i++) {
                String id = idPrefix + i;
                String name = "央金" + i;
                answers.add(senders.submit(() -> {
                    go.await();
                    return system().header("Pdx-Person", "公安局人口系统").header("Pdx-Purpose", "人口基础信息汇聚")
                            .header("Pdx-Message-Id", id)
                            .body("[{\"citizen_id\":\"" + citizenId + "\",\"person_name\":\"" + name + "\",\"birth_date\":\"1988-08-08\"}]")
                            .when().post("/api/v1/exchange/" + POPULATION + "/records")
                            .then().log().ifValidationFails().statusCode(202).extract().jsonPath().getLong("usageLogSeq");
                }));
            }
            go.countDown();
            List<Long> seqs = new ArrayList<>();
            for (Future<Long> answer : answers) {
                seqs.add(answer.get(60, TimeUnit.SECONDS));
            }
            return seqs;
        } finally {
            senders.shutdownNow();
        }
    }

    private static Object[] params(List<Long> seqs) {
        List<Object> params = new ArrayList<>();
        params.add(POPULATION);
        params.addAll(seqs);
        return params.toArray();
    }
}
