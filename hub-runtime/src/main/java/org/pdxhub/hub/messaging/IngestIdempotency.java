package org.pdxhub.hub.messaging;

import com.hazelcast.config.MapConfig;
import com.hazelcast.core.HazelcastInstance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.apache.camel.processor.idempotent.hazelcast.HazelcastIdempotentRepository;
import org.apache.camel.spi.IdempotentRepository;

/**
 * The message ids that queue ingest has already passed through the gate, so that a message a
 * department system sends again is not delivered twice. Kept in the platform's Hazelcast
 * cluster, so a re-send to another member of the same platform is caught too. The route
 * template {@code pdx-queue-ingest} names it {@value #NAME}.
 */
public class IngestIdempotency {

    public static final String NAME = "pdxIngestIdempotency";

    /** The Hazelcast map of seen ids: key {@code {resource code}/{message id}}. */
    public static final String MAP = "pdx.ingest.seen";

    /** A sender re-sends within days, not months; older ids are forgotten so the map stays bounded. */
    static final int KEEP_SECONDS = 7 * 24 * 3600;

    @Produces
    @Singleton
    @Named(NAME)
    IdempotentRepository repository(HazelcastInstance member) {
        // Added before the map is first used; a member that joins an existing cluster gets the same.
        member.getConfig().addMapConfig(new MapConfig(MAP).setTimeToLiveSeconds(KEEP_SECONDS));
        return new HazelcastIdempotentRepository(member, MAP);
    }
}
