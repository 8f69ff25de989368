package org.pdxhub.hub.exchange;

import com.hazelcast.config.MapConfig;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;
import org.pdxhub.hub.api.ProblemException;
import org.pdxhub.hub.audit.UsageDecision;
import org.pdxhub.hub.audit.UsageEntry;
import org.pdxhub.hub.audit.UsageLog;
import org.pdxhub.plugin.Destination;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * The messages a provider sent that have already passed the gate, so that one sent again is not
 * delivered twice, whichever way it came in (its queue, REST, a route's {@code pdx:ingest}, a
 * connector: {@code Aggregation.sentBefore}). Ids are kept per sender ({@code {code}/{sender uscc}/{message
 * id}}), so no sender can suppress another's message by using its id first. The platform's
 * Hazelcast map ({@value #MAP}) only says where to look: it holds the usage-log seq of the first
 * passage, and a message is taken for a duplicate only when the usage log, the store that is
 * the source of truth, holds that passage for that sender. A map entry written by anyone else
 * (the map is replicated and not trusted) makes the node look in the store, never drop a message.
 */
@ApplicationScoped
public class IngestIdempotency {

    private static final Logger LOG = Logger.getLogger(IngestIdempotency.class);

    /** The Hazelcast map of seen messages: key {@code {resource code}/{sender uscc}/{message id}}, value the usage-log seq. */
    public static final String MAP = "pdx.ingest.seen";

    /** A sender re-sends within days, not months; older ids are forgotten so the map stays bounded. */
    static final int KEEP_SECONDS = 7 * 24 * 3600;

    @Inject
    HazelcastInstance member;

    @Inject
    UsageLog usageLog;

    private IMap<String, Long> seen;

    @PostConstruct
    void open() {
        // Added before the map is first used; a member that joins an existing cluster gets the same.
        member.getConfig().addMapConfig(new MapConfig(MAP).setTimeToLiveSeconds(KEEP_SECONDS));
        seen = member.getMap(MAP);
    }

    public static String key(String code, String sender, String messageId) {
        return code + "/" + sender + "/" + messageId;
    }

    /**
     * The usage-log seq of this sender's first passage of this message, if it passed before
     * (remembered, or in a batch not yet committed to the broker): then this one is a duplicate.
     * Empty when the map has no entry, or has one the usage log does not bear out (it is then removed).
     */
    public OptionalLong firstPassage(String code, String sender, String messageId) {
        String key = key(code, sender, messageId);
        Long held = inFlight.get(key);
        if (held != null) {
            return OptionalLong.of(held);
        }
        Batch open = current.get();
        boolean remembered = open != null && open.lookedUp.contains(key) ? open.remembered.containsKey(key) : seen.containsKey(key);
        if (!remembered) {
            return OptionalLong.empty();
        }
        Optional<UsageEntry> logged = usageLog.byMessage(messageId).stream()
                .filter(e -> e.decision() == UsageDecision.DELIVERED && sender.equals(e.organisation()) && code.equals(e.resourceCode())
                        && Destination.AGGREGATION.name().equals(e.destination()))
                .findFirst();
        if (logged.isEmpty()) {
            LOG.warnf("The map %s says message %s of %s passed before, but the usage log has no such passage: it is not skipped",
                    MAP, messageId, sender);
            seen.remove(key);
        }
        return logged.map(e -> OptionalLong.of(e.seq())).orElse(OptionalLong.empty());
    }

    /** Remembers a passage, by its usage-log seq; within a batch, once the batch is committed. */
    public void passed(String code, String sender, String messageId, long usageLogSeq) {
        Batch open = current.get();
        String key = key(code, sender, messageId);
        if (open != null) {
            open.keys.add(key);
            inFlight.put(key, usageLogSeq);
        } else {
            seen.set(key, usageLogSeq);
        }
    }

    /**
     * Runs the passage of a sender's message unless a passage of the same message is in progress on
     * this node: then it waits for that one to end first, so that the same message posted twice at
     * once (two retries racing) passes once and the other is a duplicate of it; if the first
     * failed, this one passes. A passage on another node of the platform at the same moment is
     * not waited for; landing takes such a message once.
     */
    public <T> T oneAtATime(String code, String sender, String messageId, Supplier<T> passage) {
        String key = key(code, sender, messageId);
        CompletableFuture<Void> mine = new CompletableFuture<>();
        for (CompletableFuture<Void> other = passing.putIfAbsent(key, mine); other != null; other = passing.putIfAbsent(key, mine)) {
            try {
                other.get(WAIT_FOR_OTHER_SECONDS, TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                throw ProblemException.unavailable("message.in-passage", "Message in passage", "another passage of message " + messageId
                        + " has been under way for " + WAIT_FOR_OTHER_SECONDS + " s: send it again later; it is passed once");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw ProblemException.unavailable("node.stopping", "Node stopping", "the node is stopping: send the message again later");
            } catch (ExecutionException e) {
                // Cannot happen: a passage's end is told with complete(null) whatever its outcome.
            }
        }
        try {
            return passage.get();
        } finally {
            passing.remove(key, mine);
            mine.complete(null);
        }
    }

    /** How long a message's passage waits for another passage of it in progress; longer than a passage takes with a live broker. */
    static final int WAIT_FOR_OTHER_SECONDS = 30;

    /** Passages in progress outside a queue's batch (REST, routes, connectors), by key: ended, successfully or not, when done. */
    private final Map<String, CompletableFuture<Void>> passing = new ConcurrentHashMap<>();

    /** Passages of batches not yet committed to the broker, of every consumer: duplicates already, but not yet in the map. */
    private final Map<String, Long> inFlight = new ConcurrentHashMap<>();
    private final ThreadLocal<Batch> current = new ThreadLocal<>();

    /**
     * The passages of one broker transaction. They count as passed for every consumer from the
     * moment they are logged, and are remembered once the transaction is committed; a batch that
     * rolls back is taken again from the broker, and its messages must then pass again, not be
     * skipped as duplicates of passages that were never delivered.
     */
    public final class Batch {
        private final List<String> keys = new ArrayList<>();
        private Set<String> lookedUp = Set.of();
        private Map<String, Long> remembered = Map.of();

        /**
         * Reads what the map remembers of a whole batch's messages in one call, instead of one
         * call per message. What another node of the platform remembers from then on, or a copy
         * inside this batch, is still found: the latter among the passages in flight, and a key
         * not looked up here is asked of the map as before.
         */
        public void lookUp(Collection<String> messageKeys) {
            lookedUp = Set.copyOf(messageKeys);
            remembered = lookedUp.isEmpty() ? Map.of() : seen.getAll(lookedUp);
        }

        /** The broker committed the batch: its passages are remembered. */
        public void commit() {
            Map<String, Long> passed = new HashMap<>();
            for (String key : keys) {
                Long seq = inFlight.remove(key);
                if (seq != null) {
                    passed.put(key, seq);
                }
            }
            if (!passed.isEmpty()) {
                seen.putAll(passed);
            }
        }

        /** The batch rolled back: its passages are forgotten. */
        public void discard() {
            keys.forEach(inFlight::remove);
        }
    }

    /** Opens a batch on this thread: {@link #passed} adds to it until {@link #closeBatch()}. */
    public Batch openBatch() {
        Batch batch = new Batch();
        current.set(batch);
        return batch;
    }

    /** This thread passes no more into the batch; it is committed or discarded by its holder. */
    public void closeBatch() {
        current.remove();
    }
}
