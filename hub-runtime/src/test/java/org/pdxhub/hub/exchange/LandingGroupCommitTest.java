package org.pdxhub.hub.exchange;

import io.quarkus.arc.ClientProxy;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.pdxhub.hub.store.Sql;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Landing consumers that land at the same time share one store transaction. The tests hold the
 * commit while the messages gather, so that they are certain to land as one group.
 */
@QuarkusTest
public class LandingGroupCommitTest {

    static final String PROVIDER = "11513300MB0000002H";

    @Inject
    Datasets datasets;

    @Inject
    Sql sql;

    @Test
    void aMessageTheStoreRefusesFailsAloneAndTheOthersOfItsGroupLand() throws Exception {
        List<Datasets.Provenance> group = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            group.add(provenance(PROVIDER, "group-ok-" + i, 10 + i));
        }
        // An organisation code longer than the store's column: the store refuses this message's rows, whatever its health.
        group.add(3, provenance(PROVIDER + "-TOO-LONG", "group-bad", 9));
        List<CompletableFuture<Integer>> landed = landTogether(group, "group");
        for (int i = 0; i < group.size(); i++) {
            Datasets.Provenance from = group.get(i);
            if (from.messageId().equals("group-bad")) {
                CompletableFuture<Integer> bad = landed.get(i);
                assertThrows(CompletionException.class, bad::join, "a message the store refuses was reported landed");
            } else {
                assertEquals(1, landed.get(i).join(), from.messageId() + " did not land with its group");
            }
        }
        assertEquals(7, sql.count("select count(*) from landed_message where sender_org = ? and message_id like 'group-ok-%'", PROVIDER));
        assertEquals(7, sql.count("select count(*) from dataset_record where resource_code = 'GROUP-TEST' and record_key like 'group-key-%'"));
        assertEquals(0, sql.count("select count(*) from landed_message where message_id = 'group-bad'"));
    }

    @Test
    void aMessageDeliveredTwiceIntoOneGroupLandsOnce() throws Exception {
        Datasets.Provenance once = provenance(PROVIDER, "group-twice", 50);
        List<CompletableFuture<Integer>> landed = landTogether(List.of(once, once), "twice");
        assertEquals(1, landed.get(0).join() + landed.get(1).join(), "the message's record was counted twice");
        assertEquals(1, sql.count("select count(*) from landed_message where sender_org = ? and message_id = 'group-twice'", PROVIDER));
    }

    /** Lands each message from a thread of its own while the commit is held, then lets them commit as one group. */
    private List<CompletableFuture<Integer>> landTogether(List<Datasets.Provenance> messages, String keyPrefix) throws Exception {
        Datasets real = ClientProxy.unwrap(datasets);
        ExecutorService threads = Executors.newFixedThreadPool(messages.size());
        List<CompletableFuture<Integer>> landed = new ArrayList<>();
        real.commitLock.lock();
        try {
            for (Datasets.Provenance from : messages) {
                byte[] payload = ("[{\"k\":\"" + keyPrefix + "-key-" + from.messageId() + "\",\"v\":\"x\"}]").getBytes(StandardCharsets.UTF_8);
                landed.add(CompletableFuture.supplyAsync(() -> datasets.land(payload, "k", from, null), threads));
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> real.waiting.size() == messages.size());
        } finally {
            real.commitLock.unlock();
        }
        CompletableFuture.allOf(landed.toArray(CompletableFuture[]::new)).exceptionally(e -> null).get();
        threads.shutdown();
        return landed;
    }

    private static Datasets.Provenance provenance(String sender, String messageId, long passageSeq) {
        return new Datasets.Provenance("GROUP-TEST", 1, "test-node", sender, messageId, passageSeq);
    }
}
