package org.pdxhub.bench.flow;

import org.apache.qpid.protonj2.client.Connection;
import org.apache.qpid.protonj2.client.Delivery;
import org.apache.qpid.protonj2.client.Receiver;
import org.apache.qpid.protonj2.client.ReceiverOptions;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The end of a message is its arrival at a consumer of the last queue (the bare route's output,
 * or the queue itself for Artemis alone), timed on the harness's clock as it is received.
 */
final class ReceiverEnds implements FlowRun.Ends {

    private final Connection connection;
    private final String address;
    private final AtomicLong count = new AtomicLong();
    private volatile boolean running;
    private Thread thread;
    private long[] ends;
    private volatile Throwable failure;

    ReceiverEnds(Connection connection, String address) {
        this.connection = connection;
        this.address = address;
    }

    @Override
    public void start(String prefix, int capacity) throws Exception {
        ends = new long[capacity];
        count.set(0);
        Receiver receiver = connection.openReceiver(address, new ReceiverOptions().creditWindow(1000));
        running = true;
        thread = new Thread(() -> {
            try {
                while (running) {
                    Delivery d = receiver.receive(100, TimeUnit.MILLISECONDS);
                    if (d == null) {
                        continue;
                    }
                    long at = FlowRun.wallNanos(System.nanoTime());
                    Object id = d.message().property(FlowRun.MESSAGE_ID);
                    int seq = FlowRun.sequence(id == null ? null : id.toString(), prefix);
                    d.accept();
                    if (seq >= 0 && seq < ends.length && ends[seq] == 0) {
                        ends[seq] = at;
                        count.incrementAndGet();
                    }
                }
                receiver.close();
            } catch (Throwable e) {
                failure = e;
            }
        }, "bench-receiver-" + address);
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public long count() {
        return count.get();
    }

    @Override
    public long[] ends(long expected, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (count.get() < expected && System.nanoTime() < deadline && failure == null) {
            Thread.sleep(10);
        }
        if (failure != null) {
            throw new IllegalStateException("the receiver of " + address + " failed", failure);
        }
        // A copy: the receiver goes on counting until the flow is drained (stop).
        return ends.clone();
    }

    @Override
    public void stop() throws InterruptedException {
        running = false;
        thread.join(5_000);
    }

    @Override
    public void close() {
        running = false;
    }
}
