package org.pdxhub.hub.catalog;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;
import org.pdxhub.plugin.ResourceSpec;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The published catalog in the platform's Hazelcast cluster: IMap {@value #MAP}, key the resource
 * code, value the {@link ResourceSpec} as JSON (plain text travels across member versions).
 * Written after the store's transaction commits, so the map never shows what the store rolled
 * back; read by the gate on every message through {@link Catalog#publishedSpec}.
 */
@ApplicationScoped
public class CatalogReplica {

    public static final String MAP = "pdx.catalog";

    private static final Logger LOG = Logger.getLogger(CatalogReplica.class);
    private static final ObjectMapper JSON = new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** The last spec parsed per code, reused while the map holds the same text. */
    private record Parsed(String json, ResourceSpec spec) {
    }

    private final Map<String, Parsed> parsed = new ConcurrentHashMap<>();

    @Inject
    HazelcastInstance member;

    public Optional<ResourceSpec> get(String code) {
        String json = map().get(code);
        if (json == null) {
            return Optional.empty();
        }
        Parsed p = parsed.get(code);
        if (p == null || !p.json().equals(json)) {
            p = new Parsed(json, parse(json));
            parsed.put(code, p);
        }
        return Optional.of(p.spec());
    }

    public void put(ResourceSpec spec) {
        map().set(spec.code(), write(spec));
    }

    public void remove(String code) {
        map().delete(code);
        parsed.remove(code);
    }

    void onUpdate(@Observes(during = TransactionPhase.AFTER_SUCCESS) CatalogUpdated update) {
        try {
            if (update.spec() == null) {
                remove(update.code());
            } else {
                put(update.spec());
            }
        } catch (RuntimeException e) {
            // The store has it; the next start-up replicates it again.
            LOG.errorf(e, "Catalog: %s could not be replicated to the cluster", update.code());
        }
    }

    private IMap<String, String> map() {
        return member.getMap(MAP);
    }

    public static String write(ResourceSpec spec) {
        try {
            return JSON.writeValueAsString(spec);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static ResourceSpec parse(String json) {
        try {
            return JSON.readValue(json, ResourceSpec.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the catalog map holds an entry that is not a resource spec: " + e.getOriginalMessage(), e);
        }
    }
}
