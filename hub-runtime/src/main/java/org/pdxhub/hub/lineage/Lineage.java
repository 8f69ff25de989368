package org.pdxhub.hub.lineage;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.pdxhub.hub.api.ProblemException;
import org.pdxhub.hub.audit.UsageEntry;
import org.pdxhub.hub.audit.UsageLog;
import org.pdxhub.hub.catalog.Catalog;
import org.pdxhub.hub.exchange.Datasets;
import org.pdxhub.hub.envelope.Hop;
import org.pdxhub.hub.exchange.RecordKeys;
import org.pdxhub.hub.exchange.Trails;
import org.pdxhub.hub.node.HubConfig;
import org.pdxhub.plugin.ResourceSpec;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The lineage of one record (数据血缘): every node its current version passed on the way here,
 * with time, masking, usage-log entry, person and purpose; the returns that carried it down
 * through this node; and the uses of the resource here since it arrived.
 */
@ApplicationScoped
public class Lineage {

    private static final TypeReference<List<Hop>> HOPS = new TypeReference<>() {
    };
    static final int MAX_USES = 200;

    /** One passage of the record: how its message travelled, and what this node's log says about it. */
    public record Passage(String messageId, String direction, List<Hop> hops, List<UsageEntry> loggedHere) {
    }

    /**
     * @param key    the record key as stored (the article-10 identifier as the aggregation profile masks it)
     * @param held   where the stored version came from, or null when this node does not hold the record
     * @param uses   reads of the resource at this node since the record arrived (a read returns a
     *               page of records; the log names the resource and the fields, not each key)
     */
    public record View(String resource, String key, String node, Datasets.Held held, List<Passage> arrived,
                       List<Passage> returned, List<UsageEntry> uses) {
    }

    @Inject
    Catalog catalog;

    @Inject
    Datasets datasets;

    @Inject
    Trails trails;

    @Inject
    UsageLog usageLog;

    @Inject
    RecordKeys keys;

    @Inject
    HubConfig hub;

    @Inject
    ObjectMapper json;

    /**
     * The lineage of the record with {@code key}: the stored key, or the raw identifier, which is
     * masked here as the aggregation profile masks it (so nobody needs to know the pseudonym).
     */
    public View of(String code, String key) {
        ResourceSpec spec = catalog.publishedSpec(code).orElseThrow(() -> ProblemException.notFound("published resource", code));
        String stored = key;
        Optional<Datasets.Held> held = datasets.held(code, key);
        List<Trails.Returned> returns = trails.returnsOf(code, key);
        if (held.isEmpty() && returns.isEmpty()) {
            stored = maskedKey(spec, key);
            held = datasets.held(code, stored);
            returns = trails.returnsOf(code, stored);
        }
        if (held.isEmpty() && returns.isEmpty()) {
            throw new ProblemException(404, "lineage.unknown-record", "Not found", "no record of " + code + " with key '" + key
                    + "' landed at or was returned through node " + hub.node().id(), "key");
        }
        List<Passage> arrived = held.map(h -> List.of(passage(h.sourceOrg(), h.messageId(), "UP"))).orElse(List.of());
        List<Passage> down = returns.stream().map(r -> passage(r.senderOrg(), r.messageId(), "DOWN")).toList();
        List<UsageEntry> uses = held.map(h -> usageLog.readsSince(code, h.receivedAt(), MAX_USES)).orElse(List.of());
        return new View(code, stored, hub.node().id(), held.orElse(null), arrived, down, uses);
    }

    private Passage passage(String senderOrg, String messageId, String direction) {
        Optional<Trails.Trail> trail = trails.trail(senderOrg, messageId);
        List<Hop> hops = new ArrayList<>();
        if (trail.isPresent()) {
            try {
                hops = json.readValue(trail.get().hopsJson(), HOPS);
            } catch (IOException e) {
                throw new IllegalStateException("the trail of message " + messageId + " is unreadable", e);
            }
        }
        return new Passage(messageId, trail.map(Trails.Trail::direction).orElse(direction), hops, usageLog.byMessage(messageId));
    }

    /** The raw identifier as the node's aggregation profile stores it. */
    private String maskedKey(ResourceSpec spec, String raw) {
        return keys.masked(spec, raw);
    }

}
