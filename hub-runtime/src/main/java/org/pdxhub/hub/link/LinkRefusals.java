package org.pdxhub.hub.link;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the other end of a link refused, so that the operator sees it with its reason: in the log,
 * counted in {@code pdx_link_refused_total{link, rule}}, the latest per link in the readiness
 * check {@code links} ({@link LinkHealthCheck}), and on the relayed request it concerned.
 */
@ApplicationScoped
public class LinkRefusals {

    private static final Logger LOG = Logger.getLogger(LinkRefusals.class);

    /** The latest refusal on one link. */
    public record Refusal(String messageId, int status, String rule, String reason, Instant at) {
    }

    @Inject
    MeterRegistry metrics;

    @Inject
    RelayedRequests relayed;

    @Inject
    Clock clock;

    private final Map<String, Refusal> latest = new ConcurrentHashMap<>();

    /**
     * The node at the other end of {@code linkId} refused message {@code messageId} with
     * {@code status} (its problem detail's {@code rule} and text as {@code reason}).
     */
    public void refused(String linkId, String messageId, String kind, int status, String rule, String reason) {
        String r = rule == null || rule.isBlank() ? "http-" + status : rule;
        metrics.counter("pdx.link.refused", "link", linkId, "rule", r).increment();
        latest.put(linkId, new Refusal(messageId, status, r, reason, clock.instant()));
        LOG.warnf("Link %s refused %s %s: %d %s: %s", linkId, kind == null ? "records message" : "relayed " + kind.toLowerCase(Locale.ROOT),
                messageId, status, r, reason);
        if (kind != null) {
            relayed.refusedOnLink(messageId, kind, linkId, status + " " + r + ": " + reason);
        }
    }

    /** The latest refusal on each link that had one, by link id. */
    public Map<String, Refusal> latest() {
        return new TreeMap<>(latest);
    }
}
