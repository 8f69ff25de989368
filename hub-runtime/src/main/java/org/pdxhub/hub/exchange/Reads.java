package org.pdxhub.hub.exchange;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.pdxhub.hub.canary.Canaries;
import org.pdxhub.hub.exchange.ExchangeService.Shared;
import org.pdxhub.hub.exchange.ExchangeService.Party;
import org.pdxhub.hub.gate.Gate;
import org.pdxhub.hub.gate.Passage;
import org.pdxhub.hub.sharing.Grant;
import org.pdxhub.hub.sharing.Grants;
import org.pdxhub.hub.store.TimeOrderedIds;
import org.pdxhub.plugin.Destination;
import org.pdxhub.plugin.GateContext;
import org.pdxhub.plugin.GrantSpec;
import org.pdxhub.plugin.ResourceSpec;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Records read out through the gate: by a grant holder (shared, 共享), to its subscription, or
 * as open data (开放).
 */
@ApplicationScoped
public class Reads {

    @Inject
    Clock clock;

    @Inject
    Canaries canaries;

    @Inject
    Gate gate;

    @Inject
    Grants grants;

    @Inject
    Datasets datasets;

    @Inject
    GatePassage gatePassage;

    /** Records a grant holder reads, cut to its grant and masked for sharing. */
    public Shared read(String code, Party reader, Set<String> fields, int offset, int limit) {
        ResourceSpec spec = gatePassage.published(code);
        Instant now = Instant.now(clock);
        GrantSpec grant = grants.bestFor(reader.organisation(), code, now).map(Grant::spec).orElse(null);
        GateContext ctx = gatePassage.context(spec, Destination.SHARE, reader, grant, fields, TimeOrderedIds.next("read-"));
        List<Map<String, Object>> page = datasets.read(code, offset, limit);
        // A grant's extract of personal data carries its canaries, so that a leak of it names the grant.
        Passage passage = gate.pass(grant == null ? page : canaries.mixIn(spec, grant.id(), reader.organisation(), page, offset), ctx);
        return new Shared(code, grant == null ? null : grant.id(), passage.records().size(), passage.records(), passage.logEntry().seq());
    }

    /**
     * Records that changed, delivered to a grant holder's subscription ({@code from: pdx:share/{code}}):
     * through the gate as a read, cut to the grant's fields and masked for sharing, as {@link #read} does.
     */
    public Shared share(String code, Party reader, List<Map<String, Object>> changed) {
        ResourceSpec spec = gatePassage.published(code);
        GrantSpec grant = grants.bestFor(reader.organisation(), code, Instant.now(clock)).map(Grant::spec).orElse(null);
        GateContext ctx = gatePassage.context(spec, Destination.SHARE, reader, grant, Set.of(), TimeOrderedIds.next("share-"));
        // Every delivery carries the grant's canaries as a read's first page does: a leaked delivered file names the grant.
        Passage passage = gate.pass(grant == null ? changed : canaries.mixIn(spec, grant.id(), reader.organisation(), changed, 0), ctx);
        return new Shared(code, grant == null ? null : grant.id(), passage.records().size(), passage.records(), passage.logEntry().seq());
    }

    /**
     * Open data (开放, art. 25-26) through the gate with the open profile: no grant for an
     * UNCONDITIONAL resource; for a CONDITIONAL one the grant of the reader's open application,
     * which the gate checks as it checks a share grant. The public reader has no organisation.
     */
    public Shared readOpen(String code, Party reader, GrantSpec grant, int offset, int limit) {
        ResourceSpec spec = gatePassage.published(code);
        GateContext ctx = gatePassage.context(spec, Destination.OPEN, reader, grant, Set.of(), TimeOrderedIds.next("open-"));
        Passage passage = gate.pass(datasets.read(code, offset, limit), ctx);
        return new Shared(code, grant == null ? null : grant.id(), passage.records().size(), passage.records(), passage.logEntry().seq());
    }
}
