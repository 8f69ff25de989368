package org.pdxhub.hub.audit;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.pdxhub.hub.store.Store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Appends made at the same time are committed together, and the chain stays one sequence with
 * no hole; a group whose commit fails fails every caller in it and leaves nothing of it behind.
 */
@QuarkusTest
class UsageLogGroupCommitTest {

    @Inject
    UsageLog usageLog;

    @Inject
    Store store;

    static UsageEntry draft(String messageId) {
        return new UsageEntry(null, 0, null, "group-commit", "11513300MB0000002H", "test", null, "GROUP-COMMIT", "AGGREGATION", null,
                1, 0, UsageDecision.DELIVERED, null, null, null, messageId, messageId, null, null, null);
    }

    @Test
    void appendsFromManyCallersAtOnceFormOneUnbrokenChainAndShareCommits() throws Exception {
        long before = usageLog.head().seq();
        int callers = 8;
        int each = 40;
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<List<UsageEntry>>> results = new ArrayList<>();
        try {
            for (int c = 0; c < callers; c++) {
                int caller = c;
                results.add(pool.submit((Callable<List<UsageEntry>>) () -> {
                    start.await();
                    List<UsageEntry> mine = new ArrayList<>();
                    for (int i = 0; i < each; i++) {
                        mine.add(usageLog.append(draft("gc-" + caller + "-" + i)));
                    }
                    return mine;
                }));
            }
            start.countDown();
            Set<Long> seqs = new HashSet<>();
            Set<Object> commitTimes = new HashSet<>();
            for (Future<List<UsageEntry>> f : results) {
                for (UsageEntry e : f.get(2, TimeUnit.MINUTES)) {
                    assertTrue(seqs.add(e.seq()), "sequence " + e.seq() + " given twice");
                    commitTimes.add(e.at());
                }
            }
            assertEquals(callers * each, seqs.size());
            assertEquals(before + callers * each, usageLog.head().seq());
            assertEquals(before + 1, seqs.stream().mapToLong(Long::longValue).min().orElseThrow());
            assertTrue(commitTimes.size() < callers * each, "no two appends shared a commit: " + commitTimes.size() + " commits");
        } finally {
            pool.shutdownNow();
        }
        UsageLog.Verification walk = usageLog.verify(1L);
        assertTrue(walk.intact(), walk.problem());
        assertNull(walk.brokenAtSeq());
    }

    @Test
    void whenAGroupCannotBeCommittedEveryCallerInItFailsAndTheChainHasNoHole() throws Exception {
        long head = usageLog.head().seq();
        // A row where the next entry must go: the store refuses the whole group's insert.
        try (Connection c = store.dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("insert into usage_log (node_id, seq, at, decision, hash, prev_hash, record_count,"
                     + " rejected_count) values (?, ?, current_timestamp, 'DELIVERED', 'x', 'x', 0, 0)")) {
            ps.setString(1, usageLog.nodeId());
            ps.setLong(2, head + 1);
            ps.executeUpdate();
        }
        int callers = 4;
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        int failed = 0;
        try {
            List<Future<UsageEntry>> appends = new ArrayList<>();
            for (int c = 0; c < callers; c++) {
                int caller = c;
                appends.add(pool.submit(() -> usageLog.append(draft("gc-fail-" + caller))));
            }
            for (Future<UsageEntry> f : appends) {
                try {
                    f.get(1, TimeUnit.MINUTES);
                } catch (ExecutionException e) {
                    failed++;
                }
            }
        } finally {
            pool.shutdownNow();
            try (Connection c = store.dataSource().getConnection();
                 PreparedStatement ps = c.prepareStatement("delete from usage_log where node_id = ? and seq = ?")) {
                ps.setString(1, usageLog.nodeId());
                ps.setLong(2, head + 1);
                ps.executeUpdate();
            }
        }
        assertEquals(callers, failed, "a caller whose entry was not committed must not be told it was");
        assertEquals(head, usageLog.head().seq());
        UsageEntry after = usageLog.append(draft("gc-after"));
        assertEquals(head + 1, after.seq());
        UsageLog.Verification walk = usageLog.verify(1L);
        assertTrue(walk.intact(), walk.problem());
    }

    @Test
    void aRunThatIsNotCommittedLeavesNothingAndAnotherCallerWaitsForItsEnd() throws Exception {
        long head = usageLog.head().seq();
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<UsageEntry> other;
            try (UsageLog.Run run = usageLog.openRun()) {
                UsageEntry first = usageLog.append(draft("run-dropped-1"));
                usageLog.append(draft("run-dropped-2"));
                assertEquals(head + 1, first.seq(), "a run's entries are sealed as the chain's next ones");
                assertEquals(2, run.size());
                other = pool.submit(() -> usageLog.append(draft("run-other")));
                // The other caller cannot slip an entry into the middle of the run's part of the chain.
                await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> !other.isDone());
                assertEquals(head, usageLog.head().seq(), "nothing of an uncommitted run is the head");
            }
            assertEquals(head + 1, other.get(1, TimeUnit.MINUTES).seq(), "the chain goes on where the dropped run began");
            assertEquals(0, usageLog.byMessage("run-dropped-1").size() + usageLog.byMessage("run-dropped-2").size());
            try (UsageLog.Run run = usageLog.openRun()) {
                usageLog.append(draft("run-kept-1"));
                usageLog.append(draft("run-kept-2"));
                run.commit();
            }
            assertEquals(head + 3, usageLog.head().seq());
            assertEquals(1, usageLog.byMessage("run-kept-2").size());
        } finally {
            pool.shutdownNow();
        }
        UsageLog.Verification walk = usageLog.verify(1L);
        assertTrue(walk.intact(), walk.problem());
    }
}
