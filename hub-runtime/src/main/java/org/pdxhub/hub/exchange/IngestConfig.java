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
     * How long a batch waits for more messages once it holds one. Zero, the default, takes what the
     * broker has ready: under load, what arrived while the batch before was passed and committed,
     * so batches still fill; under a light load, a message is not held back for company. A wait adds
     * up to itself to each message's time: 5 ms here, and the same at landing, made a lone message
     * 22 ms from send to landed against 14 ms without (bench/README.md, "A warm node").
     */
    @WithDefault("0ms")
    Duration batchMaxWait();

    /**
     * Consumers of each inbound queue. They take turns, so messages still pass the gate in the
     * queue's order; one commits to the broker while the next passes the following batch.
     * An external broker gets one.
     */
    @WithDefault("2")
    int consumers();
}
