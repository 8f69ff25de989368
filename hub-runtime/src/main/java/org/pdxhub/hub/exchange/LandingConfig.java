package org.pdxhub.hub.exchange;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** How the aggregation queue is landed: several messages per store commit, and how landing waits for a store that cannot be written. */
@ConfigMapping(prefix = "pdx.landing")
public interface LandingConfig {

    /** The first wait before landing a message again after the store failed. */
    @WithDefault("500ms")
    Duration retryFirst();

    /**
     * Consumers landing the aggregation queue side by side. Versions of one record keep their order
     * (message groups by resource and key, and a record is replaced only by a later gate passage's).
     */
    @WithDefault("4")
    int consumers();

    /**
     * Messages landed in one store transaction and one broker commit at most. Each commit writes
     * every page the transaction changed, so a commit shared by many messages writes each page
     * once. 1 lands them one by one.
     */
    @WithDefault("100")
    int batchMaxMessages();

    /**
     * Bodies landed in one store transaction at most: once a batch holds this much it takes no
     * more. Many small messages share a commit; a file's batches of 500 records (about 115 KB each)
     * land one at a time. A store transaction of 100 of them (50,000 records) made the
     * 1,000,000-row file 91 s against 66 s one at a time, and two at a time 80 s (bench/README.md).
     */
    @WithDefault("64K")
    MemorySize batchMaxBytes();

    /**
     * How long a batch waits for more messages once it holds one: at most this is added to a
     * message's time; zero takes only what the consumer already has.
     */
    @WithDefault("5ms")
    Duration batchMaxWait();

    /** The longest wait between tries (the wait doubles up to this): once the store is back, landing resumes within it. */
    @WithDefault("10s")
    Duration retryMax();
}
