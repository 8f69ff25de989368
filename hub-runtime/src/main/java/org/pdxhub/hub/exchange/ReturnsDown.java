package org.pdxhub.hub.exchange;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.pdxhub.hub.access.Caller;
import org.pdxhub.hub.access.Role;
import org.pdxhub.hub.api.ProblemException;
import org.pdxhub.hub.envelope.Headers;
import org.pdxhub.hub.exchange.ExchangeService.Selection;
import org.pdxhub.hub.exchange.ExchangeService.Arrival;
import org.pdxhub.hub.exchange.ExchangeService.Accepted;
import org.pdxhub.hub.exchange.ExchangeService.Party;
import org.pdxhub.hub.gate.GateRefusedMapper;
import org.pdxhub.hub.gate.MaskingProfiles;
import org.pdxhub.hub.gate.Passage;
import org.pdxhub.hub.gate.ProfileMasking;
import org.pdxhub.hub.link.LinkTarget;
import org.pdxhub.hub.link.Links;
import org.pdxhub.hub.link.Recipients;
import org.pdxhub.hub.messaging.Addresses;
import org.pdxhub.hub.node.HubConfig;
import org.pdxhub.hub.organisation.Organisations;
import org.pdxhub.hub.store.TimeOrderedIds;
import org.pdxhub.plugin.Destination;
import org.pdxhub.plugin.GateContext;
import org.pdxhub.plugin.ResourceSpec;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Held records returned down (返还, art. 20) through the gate, to an organisation served here or
 * reached through a child link.
 */
@ApplicationScoped
public class ReturnsDown {

    /** Records in one return: one message. */
    static final int MAX_RETURNED = 10_000;

    @Inject
    HubConfig hub;

    @Inject
    MaskingProfiles profiles;

    @Inject
    ProfileMasking masking;

    @Inject
    Datasets datasets;

    @Inject
    Links links;

    @Inject
    Trails trails;

    @Inject
    Recipients recipients;

    @Inject
    Organisations organisations;

    @Inject
    GatePassage gatePassage;

    /**
     * Returns held records down (返还, art. 20) to an organisation served here or reached through
     * a child link. The records are this node's own, taken from its dataset, never the caller's.
     * Who may: the agency's staff at this node (ADMIN or SPECIALIST of the node's organisation),
     * any held records to any such organisation; or the resource's provider, the records it
     * provided, to itself only (to another organisation is the agency's decision: a return request).
     */
    public Accepted giveBack(String code, String toUscc, Selection which, Party from, Caller by) {
        ResourceSpec spec = gatePassage.published(code);
        Recipients.Recipient to = recipients.require(toUscc, "to");
        boolean agencyStaff = by.organisation().equals(hub.node().organisation()) && (by.has(Role.ADMIN) || by.has(Role.SPECIALIST));
        boolean provider = by.organisation().equals(spec.providerUscc());
        if (!agencyStaff && !provider) {
            throw new ProblemException(403, "return.not-entitled", "Forbidden", "organisation " + by.organisation() + " may not return records of "
                    + code + " from node " + hub.node().id() + ": the agency's ADMIN or SPECIALIST here (organisation "
                    + hub.node().organisation() + ") returns held records, and the provider " + spec.providerUscc()
                    + " has its own returned to itself; ask with POST /api/v1/return-requests", null);
        }
        if (!agencyStaff && !to.uscc().equals(by.organisation())) {
            throw new ProblemException(403, "return.not-entitled", "Forbidden", "to: the provider " + by.organisation()
                    + " has its own records returned only to itself (to = " + by.organisation() + "); a return to another organisation"
                    + " is decided by the agency: ask with POST /api/v1/return-requests", "to");
        }
        List<Map<String, Object>> records = held(spec, which, agencyStaff ? null : by.organisation());
        Arrival stored = new Arrival(masking.applied(spec, profiles.forDestination(Destination.AGGREGATION), Set.of()), List.of());
        return giveBack(code, to.uscc(), records, from, TimeOrderedIds.next("ret-"), stored);
    }

    /**
     * The held records a return takes; with {@code onlyOf}, only those that organisation provided.
     *
     * @throws ProblemException naming the field when the selection is empty, too large or matches nothing held
     */
    private List<Map<String, Object>> held(ResourceSpec spec, Selection which, String onlyOf) {
        boolean byKey = which.keys() != null && !which.keys().isEmpty();
        if (!byKey && which.providedBy() == null) {
            throw ProblemException.badRequest("missing-field", "keys", "say which held records to return: keys (the stored keys or the"
                    + " raw identifiers) or providedBy (the USCC of the organisation whose records they are)");
        }
        if (byKey && which.keys().size() > MAX_RETURNED) {
            throw ProblemException.badRequest("too-many", "keys", "at most " + MAX_RETURNED + " keys in one return; return in parts");
        }
        String providedBy = which.providedBy();
        if (providedBy != null) {
            organisations.checkUscc(providedBy, "providedBy");
            if (onlyOf != null && !onlyOf.equals(providedBy)) {
                throw new ProblemException(403, "return.not-entitled", "Forbidden", "providedBy: organisation " + onlyOf
                        + " has only the records it provided returned, not those of " + providedBy, "providedBy");
            }
        }
        String of = providedBy != null ? providedBy : onlyOf;
        List<Map<String, Object>> records;
        if (byKey) {
            // A key is the stored one or the raw identifier, which is stored as the aggregation profile masks it.
            Set<String> keys = new LinkedHashSet<>();
            for (String k : which.keys()) {
                if (k != null && !k.isBlank()) {
                    keys.add(k.strip());
                    keys.add(storedKey(spec, k));
                }
            }
            records = datasets.byKeys(spec.code(), List.copyOf(keys), of);
        } else {
            records = datasets.providedBy(spec.code(), of, MAX_RETURNED + 1);
            if (records.size() > MAX_RETURNED) {
                throw ProblemException.badRequest("too-many", "providedBy", "more than " + MAX_RETURNED + " held records match; return"
                        + " them in parts, by keys");
            }
        }
        if (records.isEmpty()) {
            throw new ProblemException(404, "return.nothing-held", "Not found", (byKey ? "keys" : "providedBy") + ": node " + hub.node().id()
                    + " holds no record of " + spec.code() + " that matches" + (onlyOf == null ? "" : " and that " + onlyOf + " provided"),
                    byKey ? "keys" : "providedBy");
        }
        return records;
    }

    /**
     * Keys as this node stores them: a key held as given stays, a raw identifier is masked as
     * the aggregation profile stores it; so that a request can keep them without raw identifiers.
     */
    public List<String> storedKeys(String code, List<String> keys) {
        ResourceSpec spec = gatePassage.published(code);
        return keys.stream().filter(k -> k != null && !k.isBlank()).map(String::strip)
                .map(k -> datasets.held(code, k).isPresent() ? k : storedKey(spec, k)).distinct().toList();
    }

    /** The raw identifier as the node's aggregation profile stores it. */
    private String storedKey(ResourceSpec spec, String raw) {
        String value = raw.strip().toUpperCase(Locale.ROOT);
        if (spec.keyField() == null) {
            return value;
        }
        for (ProfileMasking.Planned p : masking.planFor(spec, profiles.forDestination(Destination.AGGREGATION))) {
            if (p.field().equals(spec.keyField())) {
                try {
                    return String.valueOf(p.masker().mask(value));
                } catch (RuntimeException notAnIdentifier) {
                    return value; // a strategy that takes only identifiers (fpe) leaves a stored key as it is
                }
            }
        }
        return value;
    }

    /**
     * Returned records go to the organisation's return address when it is served here, or down
     * the child link that reaches it; each node on the way passes them through its own gate.
     */
    Accepted giveBack(String code, String toUscc, List<Map<String, Object>> records, Party from, String messageId, Arrival arrival) {
        ResourceSpec spec = gatePassage.published(code);
        Party receiver = new Party(toUscc, from.person(), from.purpose(), from.traceId());
        GateContext ctx = gatePassage.context(spec, Destination.RETURN, receiver, null, Set.of(), messageId, arrival.maskedUpstream());
        Passage passage = gatePassage.passOrDeadLetter(records, ctx);
        Map<String, Object> headers = gatePassage.headers(ctx);
        headers.put(Headers.TO, toUscc);
        headers.put(Headers.PROVIDER, from.organisation());
        String hops = gatePassage.onward(headers, ctx, passage, arrival);
        Optional<LinkTarget> down = links.childReaching(toUscc);
        String address = down.map(c -> Addresses.linkOut(c.id())).orElse(Addresses.returnTo(toUscc));
        if (down.isPresent()) {
            headers.put(Headers.DIRECTION, LinkTarget.Direction.DOWN.name());
        }
        headers.put(Headers.DUPLICATE_ID, Headers.duplicateId(from.organisation(), messageId));
        gatePassage.send(address, passage, headers, ctx);
        trails.returned(code, spec.keyField(), passage.records(), from.organisation(), messageId, toUscc, hops);
        return new Accepted(messageId, code, passage.records().size(), GateRefusedMapper.rejections(passage.rejected()),
                passage.logEntry().seq());
    }
}
