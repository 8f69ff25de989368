package org.pdxhub.hub.catalog;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.pdxhub.plugin.OpenType;
import org.pdxhub.plugin.ResourceSpec;
import org.pdxhub.plugin.ShareType;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The public data catalog (公共数据目录), read side: what the gate, the request workflows and the
 * routes ask. Nothing moves through the hub unless it is a published resource here (art. 3, 8).
 */
@ApplicationScoped
public class Catalog {

    @Inject
    CatalogStore store;

    @Inject
    CatalogReplica replica;

    /**
     * The published version of a resource as the gate sees it, read from the cluster's copy of the
     * catalog on this member; empty when the resource is not published (unknown, draft or retired).
     */
    public Optional<ResourceSpec> publishedSpec(String code) {
        return code == null ? Optional.empty() : replica.get(code);
    }

    /** The whole resource: its current definition (the draft before publication) and lifecycle. */
    public Optional<CatalogResource> find(String code) {
        return store.row(code).flatMap(row -> row.revisionId() == null ? Optional.empty()
                : store.revision(row.revisionId()).map(rev -> view(row, rev, true)));
    }

    /** The provider of a resource, draft or published, without building its view (which looks for repeat collection). */
    public Optional<String> provider(String code) {
        return store.row(code).map(CatalogStore.ResourceRow::provider);
    }

    /** A published version, current or earlier. */
    public Optional<CatalogResource> find(String code, int version) {
        return store.row(code).flatMap(row -> store.revisionOfVersion(code, version).map(rev -> view(row, rev, false)));
    }

    /** Resources filtered by any of the arguments that are not null. */
    public List<ResourceSummary> list(ResourceStatus status, String provider, ShareType shareType, OpenType openType) {
        return store.summaries(status, provider, shareType, openType);
    }

    /** Every lifecycle step of the resource, oldest first. */
    public List<Transition> history(String code) {
        return store.transitions(code);
    }

    public List<CatalogChange> changes(String code) {
        return store.changes(code);
    }

    /** Submitted resources and pending changes or retirements, oldest first. */
    public List<ReviewItem> reviewQueue() {
        List<ReviewItem> queue = new ArrayList<>();
        for (ResourceSummary s : store.summaries(ResourceStatus.SUBMITTED, null, null, null)) {
            Transition submitted = lastOf(s.code(), Transition.Action.SUBMITTED);
            CatalogResource r = find(s.code()).orElseThrow();
            queue.add(new ReviewItem(s.code(), s.name(), s.provider(), ReviewItem.Kind.NEW, null, false, false, s.updatedAt(),
                    submitted == null ? null : submitted.actor(), submitted == null ? null : submitted.note(),
                    r.repeatCollection(), needs(s.code(), null, r.toDraft())));
        }
        for (CatalogChange c : store.pendingChanges()) {
            CatalogResource r = find(c.code()).orElseThrow();
            boolean retirement = c.kind() == CatalogChange.Kind.RETIREMENT;
            List<RepeatCollection> repeats = retirement || c.proposed() == null ? List.of() : repeats(c.code(), c.proposed());
            List<AgencyApprovals.Need> needs = new ArrayList<>();
            if (c.openRaise()) {
                needs.add(AgencyApprovals.Need.SECURITY_REVIEW);
            }
            if (!retirement) {
                needs.addAll(needs(c.code(), r.toDraft(), c.proposed()));
            }
            queue.add(new ReviewItem(c.code(), r.name(), r.provider(), retirement ? ReviewItem.Kind.RETIREMENT : ReviewItem.Kind.CHANGE,
                    c.id(), c.downgrade(), c.openRaise(), c.proposedAt(), c.proposedBy(), c.reason(), repeats, needs));
        }
        queue.sort(Comparator.comparing(ReviewItem::since));
        return queue;
    }

    /** The published spec of a resource from the store, for when the cluster's copy is not believed. */
    Optional<ResourceSpec> publishedSpecFromStore(String code) {
        return find(code).filter(r -> r.status() == ResourceStatus.PUBLISHED).map(CatalogResource::spec);
    }

    /** Specs of every published resource, from the store: what the cluster's copy must hold. */
    List<ResourceSpec> publishedSpecsFromStore() {
        return store.publishedCodes().stream().map(c -> find(c).orElseThrow().spec()).toList();
    }

    /**
     * What approving {@code proposed} needs from the agency beyond its decision: the security and
     * secrecy review for a new resource declared open (an open raise of a change is the change's
     * flag), a statement for each item collected again that was not already (art. 9), and one for
     * a purchase declared or changed.
     *
     * @param published the published definition a change starts from; null for a new resource
     */
    List<AgencyApprovals.Need> needs(String code, ResourceDraft published, ResourceDraft proposed) {
        List<AgencyApprovals.Need> needs = new ArrayList<>();
        if (proposed == null) {
            return needs;
        }
        if (published == null && proposed.openType() != OpenType.NONE) {
            needs.add(AgencyApprovals.Need.SECURITY_REVIEW);
        }
        Set<String> before = published == null ? Set.of() : repeats(code, published).stream().map(RepeatCollection::item)
                .map(i -> i.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
        if (repeats(code, proposed).stream().anyMatch(r -> !before.contains(r.item().toLowerCase(Locale.ROOT)))) {
            needs.add(AgencyApprovals.Need.SECOND_COLLECTION);
        }
        if (proposed.purchase() != null && (published == null || !proposed.purchase().equals(published.purchase()))) {
            needs.add(AgencyApprovals.Need.PURCHASE);
        }
        return needs;
    }

    /**
     * Items the draft collects itself (its provider is their source) that another published
     * resource already provides as authoritative source: possible repeat collection (art. 9).
     */
    List<RepeatCollection> repeats(String code, ResourceDraft d) {
        Set<String> own = d.items().stream().filter(i -> d.provider().equals(i.source()))
                .map(i -> i.name().toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
        if (own.isEmpty()) {
            return List.of();
        }
        return store.authoritativeItemsElsewhere(code, d.provider()).stream()
                .filter(r -> own.contains(r.item()))
                .map(r -> new RepeatCollection(itemName(d, r.item()), r.resource(), r.provider(),
                        "item '" + itemName(d, r.item()) + "' is already provided by " + r.resource() + " of " + r.provider()
                                + " as its authoritative source: obtain it by sharing and name that source, rather than collect it again (art. 9)"))
                .toList();
    }

    private CatalogResource view(CatalogStore.ResourceRow row, CatalogStore.Revision rev, boolean current) {
        ResourceDraft d = rev.draft();
        List<DataItem> items = d.items().stream().map(i -> new DataItem(i.name(), i.title(), i.type(), i.personal(),
                i.sensitivity(), i.identifierKind(), i.maskingRule(), i.source(), i.clearBasis(), i.quality(), i.use())).toList();
        CatalogChange pending = current ? store.pendingChange(row.code()).orElse(null) : null;
        List<RepeatCollection> repeats = current && row.status() != ResourceStatus.RETIRED ? repeats(row.code(), d) : List.of();
        return new CatalogResource(row.code(), d.name(), d.provider(), d.description(), d.category(), d.shareType(),
                d.openType(), d.shareConditions(), d.shareBasis(), d.openConditions(), d.openBasis(), d.updateCycle(),
                d.format(), d.keyField(), items, row.status(), rev.version() == null ? 0 : rev.version(), row.version(),
                rev.publishedAt(), row.updatedAt(), row.returnComment(), pending, repeats, d.purchase());
    }

    private String itemName(ResourceDraft d, String lower) {
        return d.items().stream().map(ItemDraft::name).filter(n -> n.toLowerCase(Locale.ROOT).equals(lower)).findFirst().orElse(lower);
    }

    private Transition lastOf(String code, Transition.Action action) {
        Transition last = null;
        for (Transition t : store.transitions(code)) {
            if (t.action() == action) {
                last = t;
            }
        }
        return last;
    }
}
