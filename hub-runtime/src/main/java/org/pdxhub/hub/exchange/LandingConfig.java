package org.pdxhub.hub.exchange;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

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
     * more. Unset, it is the store's own: {@link #H2_BATCH_MAX_BYTES} on H2, where a file's batches of
     * 500 records (about 115 KB each) then land one at a time (a store transaction of 100 of them,
     * 50,000 records, made the 1,000,000-row file 91 s against 66 s one at a time, and two at a
     * time 80 s), and {@link #POSTGRESQL_BATCH_MAX_BYTES} on PostgreSQL, where each commit syncs
     * its log whatever its size: there 1M made the same file 32–34 s against 38 s one at a time,
     * and batches of 100 land 23,000–25,000 records/s against 21,000 (bench/README.md).
     */
    Optional<MemorySize> batchMaxBytes();

    long H2_BATCH_MAX_BYTES = 64 * 1024;
    long POSTGRESQL_BATCH_MAX_BYTES = 1024 * 1024;

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
