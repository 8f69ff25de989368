package org.pdxhub.connector.file;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pdxhub.connector.RecordSink;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A workbook far larger than the heap is read in batches: run by its own Surefire execution in a
 * JVM with {@code -Xmx64m} (see this module's pom), where holding the sheet (XSSFWorkbook) or its
 * 600,000 shared strings on the heap runs out of memory. Besides finishing, the live heap measured
 * after a full GC every 25 batches must stay under 24 MB.
 */
class XlsxSmallHeapTest {

    static final int ROWS = 200_000;
    static final long LIVE_HEAP_BOUND = 24L << 20;

    @TempDir
    Path folder;

    int batches;
    long records;
    long liveHeapMax;
    Map<String, Object> last;

    @Test
    void twoHundredThousandRowsAreSentInBatchesWithinASmallHeap() throws Exception {
        long maxHeap = Runtime.getRuntime().maxMemory();
        assumeTrue(maxHeap <= 80L << 20, "for the small-heap execution (-Xmx64m); this JVM may use " + (maxHeap >> 20) + " MB");
        Path file = FileConnectorTest.settled(LargeWorkbook.write(folder.resolve("people.xlsx"), ROWS));
        long fileBytes = Files.size(file);
        RecordSink sink = (code, batch, person, purpose, messageId) -> {
            batches++;
            records += batch.size();
            last = batch.get(batch.size() - 1);
            if (batches % 25 == 0) {
                System.gc();
                liveHeapMax = Math.max(liveHeapMax, liveAfterLastGc());
            }
            return new RecordSink.Accepted(messageId, batch.size(), 0);
        };
        Map<String, String> options = new HashMap<>(Map.of("folder", folder.toString(), "resource", "GZ-TEST", "person", "测试系统",
                "purpose", "测试", "batch-size", "1000"));
        FileFolder files = (FileFolder) new FileConnector().create("drop", options, RecordingSink.context(sink, folder));

        long started = System.nanoTime();
        files.poll();
        long millis = (System.nanoTime() - started) / 1_000_000;
        System.out.printf("XLSX of %,d rows, %,d bytes: read in %,d ms, %d batches; live heap after GC at most %,d KB of %,d MB%n",
                ROWS, fileBytes, millis, batches, liveHeapMax >> 10, maxHeap >> 20);

        assertEquals(ROWS / 1000, batches);
        assertEquals(ROWS, records);
        assertEquals(LargeWorkbook.citizenId(ROWS), last.get("citizen_id"));
        assertEquals(LargeWorkbook.address(ROWS), last.get("address"));
        assertEquals("1985-01-01", last.get("birth_date"), "serial 31048, as row 200,000 has");
        assertEquals(ROWS + ".25", last.get("amount"));
        assertTrue(Files.exists(folder.resolve("done/people.xlsx")), files.health().detail());
        assertTrue(liveHeapMax > 0 && liveHeapMax < LIVE_HEAP_BOUND, "live heap " + (liveHeapMax >> 10) + " KB");
    }

    /**
     * The heap each pool held just after the last collection, summed: what survived it. The heap's
     * usage read after {@code System.gc()} also counts what other threads allocated since (the
     * connector reads ahead on a thread of its own, SendAhead), and once read 45 MB where the
     * collection had left 16-18 MB.
     */
    private static long liveAfterLastGc() {
        long live = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            MemoryUsage afterGc = pool.getType() == MemoryType.HEAP ? pool.getCollectionUsage() : null;
            if (afterGc != null) {
                live += afterGc.getUsed();
            }
        }
        return live;
    }
}
