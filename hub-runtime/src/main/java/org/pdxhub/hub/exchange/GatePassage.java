package org.pdxhub.hub.exchange;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.jms.JMSException;
import org.jboss.logging.Logger;
import org.pdxhub.hub.api.ProblemException;
import org.pdxhub.hub.audit.UsageDecision;
import org.pdxhub.hub.audit.UsageEntry;
import org.pdxhub.hub.audit.UsageLog;
import org.pdxhub.hub.catalog.Catalog;
import org.pdxhub.hub.deadletter.DeadLetters;
import org.pdxhub.hub.deadletter.Refusal;
import org.pdxhub.hub.envelope.Headers;
import org.pdxhub.hub.exchange.ExchangeService.Arrival;
import org.pdxhub.hub.exchange.ExchangeService.Party;
import org.pdxhub.hub.gate.Gate;
import org.pdxhub.hub.gate.GateRefused;
import org.pdxhub.hub.gate.MaskingProfiles;
import org.pdxhub.hub.gate.Passage;
import org.pdxhub.hub.gate.ProfileMasking;
import org.pdxhub.hub.envelope.Hop;
import org.pdxhub.hub.messaging.SendingSessions;
import org.pdxhub.hub.node.HubConfig;
import org.pdxhub.plugin.Destination;
import org.pdxhub.plugin.GateContext;
import org.pdxhub.plugin.GrantSpec;
import org.pdxhub.plugin.ResourceSpec;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One passage through this node's gate, shared by every direction (up, down, read): the gate's
 * context for a party, the passage itself with its refusal dead-lettered, the envelope of
 * headers and hops it travels on, and the send on the node's own broker component, which the
 * usage log contradicts when the broker refuses it.
 */
@ApplicationScoped
public class GatePassage {

    private static final Logger LOG = Logger.getLogger(GatePassage.class);

    @Inject
    Clock clock;

    @Inject
    Catalog catalog;

    @Inject
    Gate gate;

    @Inject
    MaskingProfiles profiles;

    @Inject
    UsageLog usageLog;

    @Inject
    HubConfig hub;

    @Inject
    SendingSessions sends;

    @Inject
    ObjectMapper json;

    @Inject
    ProfileMasking masking;

    @Inject
    DeadLetters deadLetters;

    private volatile MaskedJson lastMasked;

    /**
     * After this node's gate: the hops so far plus this one, and what has been masked by now,
     * for the next node and for lineage. Returns the hops as JSON.
     */
    String onward(Map<String, Object> headers, GateContext ctx, Passage passage, Arrival arrival) {
        var entry = passage.logEntry();
        List<Hop> hops = new ArrayList<>(arrival.hops());
        hops.add(new Hop(hub.node().id(), hub.node().organisation(), hub.node().level().name(), ctx.destination().name(),
                entry.at(), ctx.messageId(), entry.seq(), entry.masking(), ctx.person(), ctx.purpose()));
        Map<String, String> here = masking.applied(ctx.resource(), ctx.profile(), Set.of());
        try {
            String hopsJson = json.writeValueAsString(hops);
            headers.put(Headers.HOPS, hopsJson);
            headers.put(Headers.ORIGIN_NODE, hops.get(0).node());
            headers.put(Headers.MASKED, arrival.maskedUpstream().isEmpty() ? maskedJson(here) : maskedJson(here, arrival.maskedUpstream()));
            return hopsJson;
        } catch (IOException e) {
            throw new IllegalStateException("hops could not be written", e);
        }
    }

    /**
     * What this node masked, as JSON: the same for every message of a resource under a profile
     * that arrived unmasked, so written once for the last such set of rules.
     */
    private String maskedJson(Map<String, String> here) throws IOException {
        MaskedJson last = lastMasked;
        if (last == null || last.rules() != here) {
            last = new MaskedJson(here, json.writeValueAsString(here));
            lastMasked = last;
        }
        return last.json();
    }

    /** Rules masked here and those a node below says it applied, the latter winning for a field both name. */
    private String maskedJson(Map<String, String> here, Map<String, String> upstream) throws IOException {
        Map<String, String> masked = new LinkedHashMap<>(here);
        masked.putAll(upstream);
        return json.writeValueAsString(masked);
    }

    /** The JSON of one set of masking rules, which {@link ProfileMasking#applied} gives as the same map each time. */
    private record MaskedJson(Map<String, String> rules, String json) {
    }

    Passage passOrDeadLetter(List<Map<String, Object>> records, GateContext ctx) {
        try {
            return gate.pass(records, ctx);
        } catch (GateRefused refused) {
            deadLetter(ctx, refused.rule(), refused.getMessage(), refused.rejected());
            throw refused;
        }
    }

    void send(String address, Passage passage, Map<String, Object> headers, GateContext ctx) {
        try {
            sends.sendBytes(address, passage.payload(), headers);
        } catch (JMSException | RuntimeException e) {
            // The usage log said DELIVERED; say that it was not, and let the sender retry.
            usageLog.append(new UsageEntry(null, 0, null, ctx.person(), ctx.requesterUscc(), ctx.purpose(), null, ctx.resource().code(),
                    ctx.destination().name(), null, 0, 0, UsageDecision.FAILED, "delivery.broker", null, null, ctx.traceId(),
                    ctx.messageId(), "could not be queued to " + address, null, null));
            LOG.error("Could not queue message " + ctx.messageId() + " to " + address, e);
            throw ProblemException.unavailable("delivery.broker", "Not queued",
                    "the node could not queue the message; nothing was delivered, send it again");
        }
    }

    /** A refusal is an answer: what was refused goes to the dead-letter address with its reason, masked. */
    void deadLetter(GateContext ctx, String rule, String reason, List<Passage.Rejected> rejected) {
        Map<String, Object> letter = new LinkedHashMap<>();
        letter.put("resource", ctx.resource().code());
        letter.put("messageId", ctx.messageId());
        letter.put("rule", rule);
        letter.put("reason", reason);
        letter.put("rejected", rejected.stream().map(r -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("index", r.index());
            m.put("field", r.field());
            m.put("reason", r.reason());
            m.put("record", r.maskedRecord());
            return m;
        }).toList());
        try {
            deadLetters.refuseRecords(json.writeValueAsBytes(letter), headers(ctx), Refusal.because(rule, reason)
                    .sentBy(ctx.requesterUscc()).about(ctx.resource().code(), ctx.messageId()));
        } catch (IOException | RuntimeException e) {
            LOG.error("Could not write the dead letter of message " + ctx.messageId(), e);
        }
    }

    GateContext context(ResourceSpec spec, Destination d, Party p, GrantSpec grant, Set<String> fields, String messageId) {
        return context(spec, d, p, grant, fields, messageId, Map.of());
    }

    GateContext context(ResourceSpec spec, Destination d, Party p, GrantSpec grant, Set<String> fields, String messageId,
                                Map<String, String> maskedUpstream) {
        return new GateContext(spec, d, p.organisation(), p.person(), p.purpose(), grant, fields == null ? Set.of() : fields,
                profiles.forDestination(d), hub.node().id(), p.traceId() == null ? messageId : p.traceId(), messageId, Instant.now(clock),
                maskedUpstream, p.keyId());
    }

    Map<String, Object> headers(GateContext ctx) {
        Map<String, Object> h = new HashMap<>();
        h.put(Headers.RESOURCE, ctx.resource().code());
        h.put(Headers.RESOURCE_VERSION, (int) ctx.resource().version());
        h.put(Headers.REQUESTER, ctx.requesterUscc());
        h.put(Headers.PERSON, ctx.person());
        h.put(Headers.PURPOSE, ctx.purpose());
        h.put(Headers.TRACE_ID, ctx.traceId());
        h.put(Headers.MESSAGE_ID, ctx.messageId());
        h.put(Headers.SOURCE_NODE, hub.node().id());
        h.put(Headers.SOURCE_ORG, hub.node().organisation());
        return h;
    }

    ResourceSpec published(String code) {
        return catalog.publishedSpec(code).orElseThrow(() -> new ProblemException(404, "resource.not-published", "Not found",
                "no published resource '" + code + "': nothing moves through the hub unless it is a published catalog resource (art. 3)", "code"));
    }
}
