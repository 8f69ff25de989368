package org.pdxhub.bench.flow;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.BitSet;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The end of a message on the gate path is its landing: the node's landing ({@code pdx.agg}) writes
 * a {@code landed_message} row (message id, {@code landed_at} from the node's clock) in the same
 * transaction as the records, so each message's end is read back from the node's own store, with
 * the node's own timestamp, and nothing extra runs in the node. The node's H2 is opened with
 * {@code AUTO_SERVER=TRUE} so that this second process can read it while the node runs. A count
 * is polled while the run goes (for the window of the as-fast-as-it-goes mode), the rows are read
 * once at the end.
 */
final class LandedEnds implements FlowRun.Ends {

    private final String url;
    private final AtomicLong count = new AtomicLong();
    private volatile boolean running;
    private Thread poller;
    private String prefix;
    private int capacity;

    /** The sender whose messages are counted: with it, the query runs on landed_message's key instead of scanning. */
    private final String sender;

    LandedEnds(String url, String sender) {
        this.url = url;
        this.sender = sender;
    }

    /** The node's own store settings (application.properties), with AUTO_SERVER so that the harness can read it too. */
    static String h2Url(java.nio.file.Path dataDir) {
        return "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("store/hub")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;WRITE_DELAY=0;LOCK_TIMEOUT=3000;QUERY_TIMEOUT=15000;CACHE_SIZE=65536"
                + ";AUTO_SERVER=TRUE";
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection(url, "pdx", url.startsWith("jdbc:postgresql:") ? "" : "pdx");
    }

    @Override
    public void start(String prefix, int capacity) {
        this.prefix = prefix;
        this.capacity = capacity;
        count.set(0);
        running = true;
        poller = new Thread(() -> {
            // A count(*) of the phase's rows every 10 ms ran inside the node (AUTO_SERVER) and grew
            // with the phase: a fifth of the node's CPU in a profile. Read only the rows from the
            // first message not yet landed on, by landed_message's key (ids sort in sequence order).
            BitSet landed = new BitSet(capacity);
            int low = 0;
            try (Connection c = connect();
                 PreparedStatement q = c.prepareStatement("select message_id from landed_message where sender_org = ? and message_id >= ?"
                         + " and message_id < ?")) {
                q.setString(1, sender);
                q.setString(3, prefix + ":"); // ':' sorts right after the digits
                while (running) {
                    q.setString(2, FlowRun.messageId(prefix, low));
                    try (ResultSet rs = q.executeQuery()) {
                        while (rs.next()) {
                            int seq = FlowRun.sequence(rs.getString(1), prefix);
                            if (seq >= 0) {
                                landed.set(seq);
                            }
                        }
                    }
                    low = landed.nextClearBit(low);
                    count.set(landed.cardinality());
                    Thread.sleep(10);
                }
            } catch (SQLException | InterruptedException e) {
                System.err.println("Polling the landed messages failed: " + e);
            }
        }, "bench-landed-poller");
        poller.setDaemon(true);
        poller.start();
    }

    @Override
    public long count() {
        return count.get();
    }

    @Override
    public long[] ends(long expected, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (count.get() < expected && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        // The poller goes on counting until the flow is drained (stop).
        long[] ends = new long[capacity];
        try (Connection c = connect();
             PreparedStatement q = c.prepareStatement("select message_id, landed_at from landed_message where sender_org = ? and message_id like ?")) {
            q.setString(1, sender);
            q.setString(2, prefix + "%");
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    int seq = FlowRun.sequence(rs.getString(1), prefix);
                    if (seq >= 0 && seq < capacity) {
                        var at = rs.getObject(2, OffsetDateTime.class).toInstant();
                        ends[seq] = at.getEpochSecond() * 1_000_000_000L + at.getNano();
                    }
                }
            }
        }
        return ends;
    }

    @Override
    public void stop() throws InterruptedException {
        running = false;
        poller.join(5_000);
    }

    @Override
    public void close() {
        running = false;
    }
}
