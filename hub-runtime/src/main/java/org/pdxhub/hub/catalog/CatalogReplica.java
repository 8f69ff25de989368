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
import org.pdxhub.hub.cluster.ClusterIntegrity;
import org.pdxhub.plugin.ResourceSpec;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The published catalog in the platform's Hazelcast cluster: IMap {@value #MAP}, key the resource
 * code, value the {@link ResourceSpec} as JSON (plain text travels across member versions),
 * sealed with the platform's integrity tag ({@link ClusterIntegrity}). Written after the store's
 * transaction commits, so the map never shows what the store rolled back; read by the gate on
 * every message through {@link Catalog#publishedSpec}.
 *
 * <p>The map is a cache, the store is the truth: whoever reaches a member port can write to the
 * map, so an entry is believed only when its tag holds and its version is not older than one this
 * member has seen (an old, once genuine entry put back would bring back old rules). Anything
 * else is replaced from the store, counted and logged.
 */
@ApplicationScoped
public class CatalogReplica {

    public static final String MAP = "pdx.catalog";

    private static final ObjectMapper JSON = new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private static final Logger LOG = Logger.getLogger(CatalogReplica.class);

    /** The last entry believed per code and its spec, reused while the map holds the same text. */
    private record Parsed(String sealed, ResourceSpec spec) {
    }

    /**
     * The lowest version this member still believes for a code: the highest it has seen, or, once
     * the resource is retired (which is final), none at all.
     */
    private record Floor(long version, boolean retired) {
        static final Floor RETIRED = new Floor(Long.MAX_VALUE, true);

        boolean refuses(ResourceSpec spec) {
            return spec.version() < version;
        }
    }

    private final Map<String, Parsed> parsed = new ConcurrentHashMap<>();
    private final Map<String, Floor> floors = new ConcurrentHashMap<>();

    @Inject
    HazelcastInstance member;

    @Inject
    ClusterIntegrity integrity;

    @Inject
    Catalog catalog;

    public Optional<ResourceSpec> get(String code) {
        String sealed = map().get(code);
        if (sealed == null) {
            return missing(code);
        }
        Parsed p = parsed.get(code);
        if (p != null && p.sealed().equals(sealed)) {
            if (p.sealed() != sealed) {
                // The near cache fetched the same entry again: keep its instance, so that the next reads compare by identity.
                parsed.put(code, new Parsed(sealed, p.spec()));
            }
            return Optional.of(p.spec());
        }
        Optional<String> json = integrity.open(MAP, code, sealed);
        if (json.isEmpty()) {
            return fromStore(code, sealed);
        }
        ResourceSpec spec = parse(json.get());
        Floor floor = floors.get(code);
        if (floor != null && floor.refuses(spec)) {
            integrity.refused(MAP, code, floor.retired() ? "the resource is retired" : "version " + spec.version()
                    + " is older than version " + floor.version() + " seen before");
            return fromStore(code, sealed);
        }
        believe(code, sealed, spec);
        return Optional.of(spec);
    }

    public void put(ResourceSpec spec) {
        String sealed = seal(spec);
        map().set(spec.code(), sealed);
        believe(spec.code(), sealed, spec);
    }

    public void remove(String code) {
        map().delete(code);
        parsed.remove(code);
        floors.put(code, Floor.RETIRED);
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

    private void believe(String code, String sealed, ResourceSpec spec) {
        parsed.put(code, new Parsed(sealed, spec));
        floors.merge(code, new Floor(spec.version(), false), (old, now) -> old.retired() || old.version() > now.version() ? old : now);
    }

    /**
     * No entry for a resource this member has seen published: a retirement on another node, or an
     * entry deleted by someone else. The store tells which, once: a retirement is final.
     */
    private Optional<ResourceSpec> missing(String code) {
        Floor floor = floors.get(code);
        if (floor == null || floor.retired()) {
            return Optional.empty();
        }
        Optional<ResourceSpec> published = catalog.publishedSpecFromStore(code);
        if (published.isEmpty()) {
            parsed.remove(code);
            floors.put(code, Floor.RETIRED);
            return Optional.empty();
        }
        String sealed = seal(published.get());
        map().putIfAbsent(code, sealed);
        believe(code, sealed, published.get());
        return published;
    }

    /** The entry was not believed: the store's version replaces it, unless someone has meanwhile replaced it. */
    private Optional<ResourceSpec> fromStore(String code, String refused) {
        Optional<ResourceSpec> published = catalog.publishedSpecFromStore(code);
        if (published.isEmpty()) {
            map().remove(code, refused);
            parsed.remove(code);
            if (floors.containsKey(code)) {
                floors.put(code, Floor.RETIRED);
            }
            return Optional.empty();
        }
        String sealed = seal(published.get());
        map().replace(code, refused, sealed);
        believe(code, sealed, published.get());
        return published;
    }

    private String seal(ResourceSpec spec) {
        return integrity.seal(MAP, spec.code(), write(spec));
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
