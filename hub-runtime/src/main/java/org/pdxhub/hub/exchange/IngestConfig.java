package org.pdxhub.hub.exchange;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** How a department's inbound queue ({@code pdx.in.{code}}) is taken: several messages per transaction, by several consumers in turn. */
@ConfigMapping(prefix = "pdx.ingest")
public interface IngestConfig {

    /**
     * Messages passed through the gate in one broker transaction at most: their usage-log
     * entries are one commit, and they are sent on with one broker commit. 1 takes them one by one.
     */
    @WithDefault("100")
    int batchMaxMessages();

    /**
     * How long a batch waits for more messages once it holds one. Zero, the default, takes only
     * what the broker has ready: a lone message goes straight to the gate, and under load the
     * batches fill from what is queued anyway. A longer wait makes fuller batches under a light
     * load and adds at most this to each message's time. With one consumer (the default) the
     * order holds either way. With 0 here and 5 ms for landing ({@code pdx.landing.batch-max-wait})
     * the flows bench's steady p99 and single records came out better than with 5 ms for both,
     * in two runs, and its batches within their spread (bench/README.md, "Taking what is ready
     * at the gate").
     */
    @WithDefault("0s")
    Duration batchMaxWait();

    /**
     * Consumers of each inbound queue. One, the default, passes every message in the queue's order.
     * Several take turns, one committing to the broker while the next passes the following batch,
     * but they do not keep the order for certain: a receive of no-prefetch consumer that comes back
     * empty can leave a message on its way to that consumer while the next one takes the message
     * behind it (48 of 4,000 messages sent 0–8 ms apart passed out of order with two;
     * {@code QueueOrderWhileOpenTest}). An external broker gets one.
     */
    @WithDefault("1")
    int consumers();
}
