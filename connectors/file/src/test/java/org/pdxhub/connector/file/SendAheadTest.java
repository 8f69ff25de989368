package org.pdxhub.connector.file;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SendAheadTest {

    @Test
    void theReaderWaitsOnceTwoBatchesAreReadAheadOfTheOneInTheGate() throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        List<Integer> sent = new CopyOnWriteArrayList<>();
        SendAhead<Integer> ahead = new SendAhead<>("test-send", 2, batch -> {
            await(gate);
            sent.add(batch);
        });
        AtomicInteger handedOn = new AtomicInteger();
        Thread reader = new Thread(() -> {
            for (int i = 0; i < 10; i++) {
                ahead.add(i);
                handedOn.incrementAndGet();
            }
            ahead.finish();
        });
        reader.start();
        // One batch in the gate, two waiting: the fourth is not taken from the reader until the gate moves.
        awaitUntil(() -> handedOn.get() == 3 && reader.getState() == Thread.State.TIMED_WAITING);
        assertEquals(3, handedOn.get());
        assertTrue(sent.isEmpty());
        gate.countDown();
        reader.join(10_000);
        assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9), sent);
    }

    @Test
    void aBatchTheNodeDidNotTakeStopsTheReadingAndNothingAfterItIsSent() {
        List<Integer> sent = new CopyOnWriteArrayList<>();
        SendAhead<Integer> ahead = new SendAhead<>("test-send", 2, batch -> {
            if (batch == 3) {
                throw new FileFolder.NodeUnavailable("the broker is down");
            }
            sent.add(batch);
        });
        FileFolder.NodeUnavailable stopped = assertThrows(FileFolder.NodeUnavailable.class, () -> {
            for (int i = 0; i < 1_000; i++) {
                ahead.add(i);
            }
            ahead.finish();
        });
        assertEquals("the broker is down", stopped.getMessage());
        assertThrows(FileFolder.NodeUnavailable.class, ahead::finish);
        assertEquals(List.of(0, 1, 2), sent);
    }

    @Test
    void aStopWhileReadingIsTheNodeNotTakingTheFileSoItStaysForTheNextPoll() throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        SendAhead<Integer> ahead = new SendAhead<>("test-send", 2, batch -> await(gate));
        AtomicInteger handedOn = new AtomicInteger();
        List<RuntimeException> stopped = new CopyOnWriteArrayList<>();
        Thread reader = new Thread(() -> {
            try {
                for (int i = 0; i < 10; i++) {
                    ahead.add(i);
                    handedOn.incrementAndGet();
                }
            } catch (RuntimeException e) {
                stopped.add(e);
            }
        });
        reader.start();
        awaitUntil(() -> handedOn.get() == 3 && reader.getState() == Thread.State.TIMED_WAITING);
        reader.interrupt();
        reader.join(10_000);
        gate.countDown();
        assertEquals(1, stopped.size());
        // Not an unreadable file (failed/): the node did not take it (left in place).
        assertTrue(stopped.get(0) instanceof FileFolder.NodeUnavailable, stopped.get(0).toString());
    }

    @Test
    void finishingWaitsForEveryBatchHandedOn() {
        List<Integer> sent = new CopyOnWriteArrayList<>();
        SendAhead<Integer> ahead = new SendAhead<>("test-send", 2, batch -> {
            sleepless(5);
            sent.add(batch);
        });
        for (int i = 0; i < 20; i++) {
            ahead.add(i);
        }
        ahead.finish();
        assertEquals(20, sent.size());
    }

    private static void awaitUntil(BooleanSupplier condition) throws InterruptedException {
        CountDownLatch never = new CountDownLatch(1);
        for (long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10); !condition.getAsBoolean(); ) {
            assertTrue(System.nanoTime() < end, "not reached within 10 s");
            never.await(10, TimeUnit.MILLISECONDS);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A sender that takes a while, without sleeping: it waits on a latch nobody opens. */
    private static void sleepless(long millis) {
        try {
            new CountDownLatch(1).await(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
