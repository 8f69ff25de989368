package org.pdxhub.hub.route;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.support.ScheduledPollConsumer;
import org.jboss.logging.Logger;
import org.pdxhub.hub.envelope.Headers;
import org.pdxhub.hub.exchange.Datasets;
import org.pdxhub.hub.exchange.ExchangeService;
import org.pdxhub.hub.sharing.Grant;
import org.pdxhub.plugin.FieldSpec;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code from: pdx:share/{code}?holder={uscc}}: a subscription to a resource's held records. On
 * Camel's scheduled poll it takes the records that landed since the last delivery, passes them
 * through the gate as the holder's read (the grant's fields, masked with the share profile, one
 * usage-log entry with the grant's purpose and the route's person), and hands them to the route.
 * The grant is looked at on every poll: once it is revoked or expired nothing more is read.
 * A delivery the route fails is read again at the next poll (with Camel's back-off).
 * <p>
 * The position is kept in the store ({@link SharePositions}) and advanced once the route has
 * processed a delivery: a route stopped, reloaded or a node restarted goes on where it was, delivering
 * at most the last batch again and never skipping one.
 */
class ShareConsumer extends ScheduledPollConsumer {

    private static final Logger LOG = Logger.getLogger(ShareConsumer.class);

    /**
     * A landing is stamped before its transaction commits, so a slow landing can show up with a
     * time before records already delivered; each poll looks back this far and skips what it sent.
     */
    static final Duration LOOK_BACK = Duration.ofSeconds(30);

    /** When the subscription started: what landed before it is not delivered. */
    private Instant start;
    /** Where the subscription is: records stamped before this minus the look-back were delivered. */
    private Instant cursor;
    /** Changes already delivered within the look-back, by key and message, with their landing time. */
    private final Map<String, Instant> delivered = new HashMap<>();
    private String stoppedBy;

    ShareConsumer(PdxEndpoint endpoint, Processor processor) {
        super(endpoint, processor);
    }

    @Override
    public PdxEndpoint getEndpoint() {
        return (PdxEndpoint) super.getEndpoint();
    }

    @Override
    protected void doStart() throws Exception {
        PdxEndpoint endpoint = getEndpoint();
        Optional<SharePositions.Position> saved = endpoint.getComponent().positions.find(getRouteId(), endpoint.getTarget(), endpoint.getHolder());
        delivered.clear();
        if (saved.isPresent()) {
            start = saved.get().start();
            cursor = saved.get().cursor();
            delivered.putAll(saved.get().delivered());
        } else {
            // A subscription delivers what changes from now on; what is held already is read with GET /records.
            start = endpoint.getComponent().clock.instant();
            cursor = start;
            savePosition();
        }
        super.doStart();
    }

    private void savePosition() {
        PdxEndpoint endpoint = getEndpoint();
        endpoint.getComponent().positions.save(getRouteId(), endpoint.getTarget(), endpoint.getHolder(),
                new SharePositions.Position(start, cursor, Map.copyOf(delivered)));
    }

    @Override
    protected int poll() throws Exception {
        PdxEndpoint endpoint = getEndpoint();
        PdxComponent node = endpoint.getComponent();
        String code = endpoint.getTarget();
        Instant now = node.clock.instant();
        Optional<Grant> grant = node.grants.bestFor(endpoint.getHolder(), code, now).filter(g -> "LIVE".equals(g.stateAt(now)));
        if (grant.isEmpty()) {
            stopped(code);
            return 0;
        }
        stoppedBy = null;
        List<Datasets.Change> fresh = node.datasets.changedSince(code, latest(start, cursor.minus(LOOK_BACK)), endpoint.getMaxRecords() + delivered.size())
                .stream().filter(c -> !delivered.containsKey(id(c))).limit(endpoint.getMaxRecords()).toList();
        if (fresh.isEmpty()) {
            return 0;
        }
        ExchangeService.Shared shared = node.exchange.share(code, new ExchangeService.Party(endpoint.getHolder(), endpoint.getPerson(),
                grant.get().purpose(), null, "route:" + getRouteId()), fresh.stream().map(Datasets.Change::record).toList());
        deliver(shared);
        for (Datasets.Change c : fresh) {
            delivered.put(id(c), c.receivedAt());
            if (c.receivedAt().isAfter(cursor)) {
                cursor = c.receivedAt();
            }
        }
        Instant forgetBefore = cursor.minus(LOOK_BACK);
        delivered.values().removeIf(at -> at.isBefore(forgetBefore));
        savePosition();
        return fresh.size();
    }

    private void deliver(ExchangeService.Shared shared) throws Exception {
        Exchange exchange = createExchange(false);
        try {
            Message out = exchange.getMessage();
            out.setHeader(Headers.RESOURCE, shared.resource());
            out.setHeader(PdxHeaders.GRANT, shared.grant());
            out.setHeader(PdxHeaders.COUNT, shared.count());
            out.setHeader(PdxHeaders.USAGE_LOG_SEQ, shared.usageLogSeq());
            out.setHeader(PdxHeaders.MESSAGE_ID, "share-" + shared.usageLogSeq());
            out.setBody(getEndpoint().getComponent().bodies.write(shared.records(), getEndpoint().getFormat(), columns(shared.resource())));
            getProcessor().process(exchange);
            if (exchange.getException() != null) {
                throw exchange.getException();
            }
        } finally {
            releaseExchange(exchange, false);
        }
    }

    private void stopped(String code) {
        if (stoppedBy == null) {
            stoppedBy = code;
            LOG.warnf("Route %s delivers nothing of %s: %s holds no live grant on it (revoked or expired)", getRouteId(), code,
                    getEndpoint().getHolder());
        }
    }

    private static Instant latest(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    /** Hashed: the ids are kept in the store, and a record's key may be a citizen ID. */
    private static String id(Datasets.Change c) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest((c.key() + "\u0000" + c.messageId()).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<String> columns(String resource) {
        return getEndpoint().getComponent().catalog.publishedSpec(resource)
                .map(spec -> spec.fields().stream().map(FieldSpec::name).toList()).orElse(List.of());
    }
}
