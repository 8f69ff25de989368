package org.pdxhub.hub.catalog;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.pdxhub.hub.access.Agency;
import org.pdxhub.hub.access.Caller;
import org.pdxhub.hub.access.Role;
import org.pdxhub.hub.api.ProblemException;
import org.pdxhub.hub.calendar.WorkingDayCalendar;
import org.pdxhub.plugin.OpenType;
import org.pdxhub.plugin.ShareType;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The catalog's lifecycle: a data specialist of the provider drafts and submits; a reviewer of
 * the data agency approves (publishing the next version) or returns it with a comment. Every
 * change of a published resource waits for that review before it is published (art. 8), except
 * one confined to the fields the agency declared editorial; a change that opens the resource
 * further is approved only with a security and secrecy review (art. 25). A published resource
 * can be retired. Every step is a transition with
 * who, when and why. Each method checks everything before it writes, inside one transaction, so
 * a refused call leaves the store as it was.
 */
@ApplicationScoped
public class CatalogWorkflow {

    public enum Decision { APPROVE, RETURN }

    @Inject
    CatalogStore store;

    @Inject
    CatalogRules rules;

    @Inject
    Catalog catalog;

    @Inject
    CatalogConfig config;

    @Inject
    WorkingDayCalendar calendar;

    @Inject
    Event<CatalogUpdated> updated;

    @Inject
    Agency agency;

    @Inject
    EditorialFields editorialFields;

    @Inject
    RelayedReviews relayedReviews;

    @Transactional
    public CatalogResource draft(ResourceDraft input, Caller by) {
        ResourceDraft d = CatalogRules.normalise(input);
        requireProvider(d.provider(), by);
        rules.check(d).stream().findFirst().ifPresent(v -> {
            throw v.toProblem();
        });
        if (store.exists(d.code())) {
            throw ProblemException.conflict("duplicate-code", "code", "a resource with code '" + d.code()
                    + "' exists: choose another code, or propose a change to it");
        }
        insertNew(d, ResourceStatus.DRAFT, Transition.Action.CREATED, by, null);
        return catalog.find(d.code()).orElseThrow();
    }

    /** Replaces the definition of a draft or returned resource. */
    @Transactional
    public CatalogResource edit(String code, ResourceDraft input, Caller by) {
        CatalogStore.ResourceRow row = locked(code);
        requireProvider(row.provider(), by);
        if (row.status() != ResourceStatus.DRAFT && row.status() != ResourceStatus.RETURNED) {
            throw ProblemException.conflict("not-editable", "status", code + " is " + row.status()
                    + ": only a DRAFT or RETURNED resource is edited; a published one takes a change (POST .../changes)");
        }
        ResourceDraft d = CatalogRules.normalise(input);
        if (d.code() != null && !d.code().equals(code)) {
            throw ProblemException.badRequest("code-mismatch", "code", "the body's code '" + d.code() + "' is not " + code);
        }
        if (d.provider() != null && !d.provider().equals(row.provider())) {
            throw ProblemException.badRequest("provider-change", "provider", "the provider of a resource cannot change: draft a new resource");
        }
        d = CatalogRules.normalise(withIdentity(input, code, row.provider()));
        rules.check(d).stream().findFirst().ifPresent(v -> {
            throw v.toProblem();
        });
        Instant now = now();
        long revision = store.insertRevision(d, now, by.keyId());
        store.updateResource(code, ResourceStatus.DRAFT, 0, revision, row.returnComment(), now);
        store.insertTransition(code, Transition.Action.EDITED, row.status(), ResourceStatus.DRAFT, 0, null, by, now, null);
        return catalog.find(code).orElseThrow();
    }

    @Transactional
    public CatalogResource submit(String code, String note, Caller by) {
        CatalogStore.ResourceRow row = locked(code);
        requireProvider(row.provider(), by);
        if (row.status() != ResourceStatus.DRAFT && row.status() != ResourceStatus.RETURNED) {
            throw ProblemException.conflict("not-submittable", "status", code + " is " + row.status()
                    + ": only a DRAFT or RETURNED resource is submitted");
        }
        Instant now = now();
        store.updateResource(code, ResourceStatus.SUBMITTED, 0, row.revisionId(), row.returnComment(), now);
        store.insertTransition(code, Transition.Action.SUBMITTED, row.status(), ResourceStatus.SUBMITTED, 0, null, by, now, note);
        relayedReviews.sendIfAgencyElsewhere(code, null, by);
        return catalog.find(code).orElseThrow();
    }

    /**
     * Reviews what waits on the resource: its submission, or its pending change or retirement.
     * Only a REVIEWER of the node's agency reviews; a reviewer key of a department reviews
     * nothing, its own organisation's resources least of all. The agency's own resources are
     * reviewed by the agency too, but never by the key that wrote what is reviewed.
     */
    @Transactional
    public CatalogResource review(String code, Decision decision, String comment, Caller by) {
        return review(code, decision, comment, null, by);
    }

    /**
     * As {@link #review(String, Decision, String, Caller)}; approving a change that opens the
     * resource further needs {@code securityReview} with every item filled (art. 25).
     */
    @Transactional
    public CatalogResource review(String code, Decision decision, String comment, SecurityReview securityReview, Caller by) {
        return review(code, decision, comment, securityReview, null, by);
    }

    /**
     * As {@link #review(String, Decision, String, SecurityReview, Caller)}; approving an entry that
     * collects again an item with an authoritative source elsewhere, or that declares bought data,
     * needs the agency's statement for each in {@code approvals} (art. 9), and a new resource
     * declared open needs the security and secrecy review as an open raise does (art. 25).
     */
    @Transactional
    public CatalogResource review(String code, Decision decision, String comment, SecurityReview securityReview,
                                  AgencyApprovals approvals, Caller by) {
        agency.requireReviewer(by, "reviewing catalog resource " + code);
        if (relayedReviews.agencyElsewhere()) {
            throw ProblemException.forbidden("catalog.reviewed-at-agency-node", "the data agency " + agency.uscc() + " reviews "
                    + code + " at its own node: what waits for review was sent there over the parent link, and its decision"
                    + " publishes here when it comes back (GET /api/v1/catalog-reviews/sent)");
        }
        return decide(code, decision, comment, securityReview, approvals, by);
    }

    /** The decision of the agency's node that came back over the links: applied in a transaction of its own. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    CatalogResource decideForAgencyNode(String code, Decision decision, String comment, SecurityReview securityReview,
                                        AgencyApprovals approvals, Caller agencyNode) {
        return decide(code, decision, comment, securityReview, approvals, agencyNode);
    }

    /**
     * The agency's decision on what waits on {@code code}, with every check of the review but
     * who decides: {@code by} is the agency's reviewer here, or the agency's node whose decision
     * came back over the links.
     */
    @Transactional
    CatalogResource decide(String code, Decision decision, String comment, SecurityReview securityReview,
                           AgencyApprovals approvals, Caller by) {
        if (decision == null) {
            throw ProblemException.badRequest("missing-field", "decision", "decision is required: APPROVE or RETURN");
        }
        String note = CatalogRules.clean(comment);
        if (decision == Decision.RETURN && note == null) {
            throw ProblemException.badRequest("missing-field", "comment", "a return needs a comment saying what to change");
        }
        CatalogStore.ResourceRow row = locked(code);
        Instant now = now();
        if (row.status() == ResourceStatus.SUBMITTED) {
            CatalogStore.Revision submitted = store.revision(row.revisionId()).orElseThrow();
            notOwnWork(code, submitted.createdBy(), by);
            if (decision == Decision.APPROVE) {
                List<AgencyApprovals.Need> needs = catalog.needs(code, null, submitted.draft());
                SecurityReview checked = needs.contains(AgencyApprovals.Need.SECURITY_REVIEW)
                        ? requireSecurityReview(code + " (new, open type " + submitted.draft().openType() + ")", securityReview) : null;
                AgencyApprovals stated = requireApprovals(code, needs, approvals);
                store.publishRevision(row.revisionId(), 1, now);
                store.updateResource(code, ResourceStatus.PUBLISHED, 1, row.revisionId(), null, now);
                store.insertTransition(code, Transition.Action.APPROVED, row.status(), ResourceStatus.PUBLISHED, 1, null, by, now, note);
                if (checked != null || !stated.isEmpty()) {
                    store.recordApprovals(code, checked, stated);
                }
                published(code);
            } else {
                store.updateResource(code, ResourceStatus.RETURNED, 0, row.revisionId(), note, now);
                store.insertTransition(code, Transition.Action.RETURNED, row.status(), ResourceStatus.RETURNED, 0, null, by, now, note);
            }
            return catalog.find(code).orElseThrow();
        }
        CatalogChange change = store.pendingChange(code).orElseThrow(() -> ProblemException.conflict("nothing-to-review", "status",
                code + " is " + row.status() + " with no change waiting: there is nothing to review"));
        notOwnWork(code, change.proposedBy(), by);
        if (decision == Decision.RETURN) {
            store.decideChange(change.id(), CatalogChange.Status.RETURNED, null, now, by.keyId(), note);
            store.insertTransition(code, change.kind() == CatalogChange.Kind.RETIREMENT ? Transition.Action.RETIREMENT_RETURNED
                    : Transition.Action.CHANGE_RETURNED, row.status(), row.status(), row.version(), change.id(), by, now, note);
        } else if (change.kind() == CatalogChange.Kind.RETIREMENT) {
            store.decideChange(change.id(), CatalogChange.Status.APPLIED, null, now, by.keyId(), note);
            retireNow(row, change.id(), by, now, note);
        } else {
            ResourceDraft published = store.revision(row.revisionId()).orElseThrow().draft();
            List<AgencyApprovals.Need> needs = catalog.needs(code, published, change.proposed());
            if (change.openRaise()) {
                SecurityReview checked = requireSecurityReview("change " + change.id() + " opens " + code + " further"
                        + (change.proposed() == null ? "" : " (open type to " + change.proposed().openType() + ")"), securityReview);
                store.recordSecurityReview(change.id(), checked);
            }
            AgencyApprovals stated = requireApprovals(code, needs, approvals);
            apply(row, change, by, now, note);
            if (!stated.isEmpty()) {
                store.recordApprovals(code, null, stated);
            }
        }
        return catalog.find(code).orElseThrow();
    }

    /**
     * Proposes a change of a published resource. It waits for the agency's review (art. 8) unless
     * it touches only editorial fields, which publish at once. A raise of the share or open type
     * states its ground and evidence; a move up from NONE rests on de-identification or consent
     * (art. 16, 24).
     */
    @Transactional
    public CatalogChange proposeChange(String code, ChangeRequest request, Caller by) {
        if (request == null) {
            throw ProblemException.badRequest("missing-body", null, "send the change as JSON, with a reason");
        }
        CatalogStore.ResourceRow row = locked(code);
        requireProvider(row.provider(), by);
        if (row.status() != ResourceStatus.PUBLISHED) {
            throw ProblemException.conflict("not-published", "status", code + " is " + row.status()
                    + ": changes are for published resources; edit a draft with PUT instead");
        }
        requireNoPendingChange(code);
        String reason = CatalogRules.clean(request.reason());
        if (reason == null) {
            throw ProblemException.badRequest("missing-field", "reason", "reason is required: why the resource changes");
        }
        ResourceDraft published = store.revision(row.revisionId()).orElseThrow().draft();
        ResourceDraft d = CatalogRules.normalise(request.applyTo(published));
        rules.check(d).stream().findFirst().ifPresent(v -> {
            throw v.toProblem();
        });
        if (d.equals(published)) {
            throw ProblemException.badRequest("no-change", null, "the change is identical to version " + row.version() + " of " + code);
        }
        boolean shareRaise = d.shareType().isDowngradeTo(published.shareType());
        boolean openRaise = d.openType().isDowngradeTo(published.openType());
        boolean upFromNone = published.shareType() == ShareType.NONE && d.shareType() != ShareType.NONE
                || published.openType() == OpenType.NONE && d.openType() != OpenType.NONE;
        String evidence = CatalogRules.clean(request.upgradeEvidence());
        if (shareRaise || openRaise) {
            requireRaiseEvidence(request.upgradeGround(), evidence, upFromNone);
        } else if (request.upgradeGround() != null || evidence != null) {
            throw ProblemException.badRequest("not-an-upgrade", "upgradeGround",
                    "upgradeGround and upgradeEvidence are for a raise of the share or open type, which this change is not");
        }
        boolean downgrade = published.shareType().isDowngradeTo(d.shareType()) || published.openType().isDowngradeTo(d.openType());
        boolean editorial = editorialFields.isEditorial(published, d);
        Instant now = now();
        long revision = store.insertRevision(d, now, by.keyId());
        long id = store.insertChange(code, CatalogChange.Kind.CHANGE, row.version(), revision,
                new CatalogStore.ChangeFlags(downgrade, editorial, openRaise), reason,
                shareRaise || openRaise ? request.upgradeGround() : null, shareRaise || openRaise ? evidence : null, now, by.keyId());
        store.insertTransition(code, Transition.Action.CHANGE_PROPOSED, row.status(), row.status(), row.version(), id, by, now, reason);
        // A clear basis lets personal data pass de-identification: only the agency's review grants one.
        if (editorial && !CatalogRules.changesClearBasis(published, d)) {
            apply(row, store.change(id).orElseThrow(), by, now, "applied at once: an editorial change (pdx.catalog.editorial-fields)");
        } else {
            relayedReviews.sendIfAgencyElsewhere(code, id, by);
        }
        return store.change(id).orElseThrow();
    }

    /** A raise rests on a stated ground and on evidence that says something: "x" says nothing. */
    private void requireRaiseEvidence(UpgradeGround ground, String evidence, boolean upFromNone) {
        if (ground == null) {
            throw ProblemException.badRequest("upgrade-ground-required", "upgradeGround", upFromNone
                    ? "a move up from NONE rests on de-identification or on the right holders' consent (art. 16, 24): set"
                    + " upgradeGround to DE_IDENTIFICATION or CONSENT"
                    : "a raise of the share or open type states its ground: set upgradeGround to DE_IDENTIFICATION, CONSENT or LEGAL_BASIS");
        }
        if (upFromNone && ground == UpgradeGround.LEGAL_BASIS) {
            throw ProblemException.badRequest("upgrade-ground-required", "upgradeGround", "a move up from NONE rests on"
                    + " de-identification or on the right holders' consent (art. 16, 24): LEGAL_BASIS is for a raise from CONDITIONAL");
        }
        if (SecurityReview.tooShort(evidence, config.minStatementLength())) {
            throw ProblemException.badRequest("upgrade-evidence-required", "upgradeEvidence", "upgradeEvidence must say, in at least "
                    + config.minStatementLength() + " characters, what was de-identified and how, where the consent is recorded,"
                    + " or which law allows it (pdx.catalog.min-statement-length)");
        }
    }

    /** The agency's statements an approval needs (art. 9), each long enough to say why, or a 400 naming the first missing. */
    AgencyApprovals requireApprovals(String code, List<AgencyApprovals.Need> needs, AgencyApprovals given) {
        AgencyApprovals stated = given == null ? AgencyApprovals.NONE : given.cleaned();
        List<String> missing = stated.missing(needs, config.minStatementLength());
        if (!missing.isEmpty()) {
            throw ProblemException.badRequest("agency-approval-required", missing.get(0), "approving " + code + " needs the agency's"
                    + " approval (art. 9, 一数一源) of " + (missing.get(0).endsWith("purchase")
                    ? "bought data: say in approvals.purchase why it may be bought (the need, and that no public data already holds it)"
                    : "a second collection of an item another resource provides as its authoritative source (see repeatCollection):"
                    + " say in approvals.secondCollection why it may not be obtained by sharing")
                    + ", in at least " + config.minStatementLength() + " characters; missing: " + String.join(", ", missing));
        }
        return new AgencyApprovals(needs.contains(AgencyApprovals.Need.SECOND_COLLECTION) ? stated.secondCollection() : null,
                needs.contains(AgencyApprovals.Need.PURCHASE) ? stated.purchase() : null);
    }

    /** The security and secrecy review of an opening (art. 25), every item filled, or a 400 naming the first missing. */
    SecurityReview requireSecurityReview(String what, SecurityReview given) {
        SecurityReview review = given == null ? new SecurityReview(null, null, null) : given.cleaned();
        List<String> missing = review.missing(config.minStatementLength());
        if (!missing.isEmpty()) {
            throw ProblemException.badRequest("security-review-required", missing.get(0), what + ": approving it needs"
                    + " the security and secrecy review (art. 25) with every item in at least " + config.minStatementLength()
                    + " characters; missing: " + String.join(", ", missing));
        }
        return review;
    }

    /**
     * Retires a published resource: at once when a reviewer asks; after review when its
     * provider's specialist asks, since it withdraws the data from sharing altogether.
     */
    @Transactional
    public CatalogResource retire(String code, String reason, Caller by) {
        String why = CatalogRules.clean(reason);
        if (why == null) {
            throw ProblemException.badRequest("missing-field", "reason", "reason is required: why the resource is retired");
        }
        CatalogStore.ResourceRow row = locked(code);
        boolean reviewer = agency.isReviewer(by) && !relayedReviews.agencyElsewhere();
        if (!reviewer && !(by.has(Role.SPECIALIST) && row.provider().equals(by.organisation()))) {
            throw ProblemException.forbidden("not-provider", "retiring " + code + " needs a SPECIALIST of its provider " + row.provider()
                    + " (the retirement then waits for review) or a REVIEWER of the data agency " + agency.uscc()
                    + " (pdx.node.agency); this key is " + by.roles() + " of " + by.organisation());
        }
        if (row.status() != ResourceStatus.PUBLISHED) {
            throw ProblemException.conflict("not-published", "status", code + " is " + row.status() + ": only a published resource is retired");
        }
        requireNoPendingChange(code);
        Instant now = now();
        if (reviewer) {
            retireNow(row, null, by, now, why);
        } else {
            long id = store.insertChange(code, CatalogChange.Kind.RETIREMENT, row.version(), null,
                    new CatalogStore.ChangeFlags(true, false, false), why, null, null, now, by.keyId());
            store.insertTransition(code, Transition.Action.RETIREMENT_REQUESTED, row.status(), row.status(), row.version(), id, by, now, why);
            relayedReviews.sendIfAgencyElsewhere(code, id, by);
        }
        return catalog.find(code).orElseThrow();
    }

    /**
     * Stores drafts read from a file, all or none: every entry is checked first, and a single
     * rejected row refuses the whole import with a report of each rejected row.
     */
    @Transactional
    public List<String> importDrafts(List<CatalogImport.Entry> entries, Caller by) {
        List<CatalogImport.RowProblem> problems = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        List<ResourceDraft> drafts = new ArrayList<>();
        for (CatalogImport.Entry e : entries) {
            problems.addAll(e.problems());
            if (e.draft() == null) {
                continue;
            }
            ResourceDraft d = CatalogRules.normalise(e.draft());
            drafts.add(d);
            for (Violation v : rules.check(d)) {
                CatalogImport.RowProblem p = e.problem(v.field(), v.message());
                // A cell the parser could not read is reported once, by the parser.
                if (e.problems().stream().noneMatch(q -> q.row() == p.row() && java.util.Objects.equals(q.field(), p.field()))) {
                    problems.add(p);
                }
            }
            if (d.provider() != null && !by.has(Role.ADMIN) && !d.provider().equals(by.organisation())) {
                problems.add(e.problem("provider", "a data specialist imports only resources of their own organisation ("
                        + by.organisation() + "), not of " + d.provider()));
            }
            if (d.code() != null) {
                Integer first = seen.putIfAbsent(d.code(), e.row());
                if (first != null) {
                    problems.add(e.problem("code", "code " + d.code() + " appears again (first at row " + first + ")"));
                } else if (store.exists(d.code())) {
                    problems.add(e.problem("code", "a resource with code " + d.code() + " exists already"));
                }
            }
        }
        if (entries.isEmpty()) {
            problems.add(new CatalogImport.RowProblem(0, null, null, "the file holds no catalog entries"));
        }
        if (!problems.isEmpty()) {
            problems.sort(java.util.Comparator.comparingInt(CatalogImport.RowProblem::row));
            throw new ImportRefused(entries.size(), problems);
        }
        for (ResourceDraft d : drafts) {
            insertNew(d, ResourceStatus.DRAFT, Transition.Action.IMPORTED, by, null);
        }
        return drafts.stream().map(ResourceDraft::code).toList();
    }

    /**
     * Publishes the node's initial catalog as version 1 of each resource, recorded as seeded by
     * the node; all or none.
     *
     * @throws IllegalArgumentException naming the entry and the field at fault
     */
    @Transactional
    public void seed(List<ResourceDraft> drafts, Caller node, String source) {
        for (int n = 0; n < drafts.size(); n++) {
            ResourceDraft d = CatalogRules.normalise(drafts.get(n));
            List<Violation> violations = rules.check(d);
            if (!violations.isEmpty()) {
                Violation v = violations.get(0);
                throw new IllegalArgumentException("resources[" + n + "] (" + d.code() + ") " + v.field() + ": " + v.message());
            }
            if (store.exists(d.code())) {
                throw new IllegalArgumentException("resources[" + n + "]: code " + d.code() + " appears twice");
            }
            insertNew(d, ResourceStatus.PUBLISHED, Transition.Action.SEEDED, node, "seeded from " + source);
        }
    }

    private void insertNew(ResourceDraft d, ResourceStatus status, Transition.Action action, Caller by, String note) {
        Instant now = now();
        store.insertResource(d.code(), d.provider(), status, now);
        long revision = store.insertRevision(d, now, by.keyId());
        int version = status == ResourceStatus.PUBLISHED ? 1 : 0;
        if (version == 1) {
            store.publishRevision(revision, 1, now);
        }
        store.updateResource(d.code(), status, version, revision, null, now);
        store.insertTransition(d.code(), action, null, status, version, null, by, now, note);
        if (version == 1) {
            published(d.code());
        }
    }

    private void apply(CatalogStore.ResourceRow row, CatalogChange change, Caller by, Instant now, String note) {
        long revision = store.changeRevisionId(change.id());
        int version = row.version() + 1;
        store.publishRevision(revision, version, now);
        store.updateResource(row.code(), ResourceStatus.PUBLISHED, version, revision, null, now);
        store.decideChange(change.id(), CatalogChange.Status.APPLIED, version, now, by.keyId(), note);
        store.insertTransition(row.code(), Transition.Action.CHANGE_APPLIED, row.status(), ResourceStatus.PUBLISHED, version,
                change.id(), by, now, note);
        published(row.code());
    }

    private void retireNow(CatalogStore.ResourceRow row, Long changeId, Caller by, Instant now, String note) {
        store.updateResource(row.code(), ResourceStatus.RETIRED, row.version(), row.revisionId(), null, now);
        store.insertTransition(row.code(), Transition.Action.RETIRED, row.status(), ResourceStatus.RETIRED, row.version(),
                changeId, by, now, note);
        updated.fire(new CatalogUpdated(row.code(), null));
    }

    private void published(String code) {
        updated.fire(new CatalogUpdated(code, catalog.find(code).orElseThrow().spec()));
    }

    private void requireNoPendingChange(String code) {
        store.pendingChange(code).ifPresent(c -> {
            throw ProblemException.conflict("change-pending", "status", code + " has a " + c.kind().name().toLowerCase()
                    + " waiting for review (change " + c.id() + "): wait for the review before proposing another");
        });
    }

    /** Four eyes: the key that wrote a definition or proposed a change does not approve it, even when it also reviews. */
    private static void notOwnWork(String code, String writtenBy, Caller by) {
        if (by.keyId().equals(writtenBy)) {
            throw ProblemException.forbidden("catalog.own-work", "key " + by.keyId() + " wrote what waits for review on " + code
                    + ": another REVIEWER of the data agency reviews it");
        }
    }

    /** Only a data specialist of the provider drafts, submits and changes its resources. */
    private static void requireProvider(String provider, Caller by) {
        if (!by.has(Role.SPECIALIST) || provider != null && !provider.equals(by.organisation())) {
            throw ProblemException.forbidden("not-provider", "only a data specialist of the provider" + (provider == null ? "" : " " + provider)
                    + " may do this; this key belongs to " + by.organisation());
        }
    }

    private CatalogStore.ResourceRow locked(String code) {
        return store.lock(code).orElseThrow(() -> ProblemException.notFound("catalog resource", code));
    }

    private static ResourceDraft withIdentity(ResourceDraft d, String code, String provider) {
        return new ResourceDraft(code, d.name(), provider, d.description(), d.category(), d.shareType(), d.openType(),
                d.shareConditions(), d.shareBasis(), d.openConditions(), d.openBasis(), d.updateCycle(), d.format(),
                d.keyField(), d.items(), d.purchase());
    }

    private Instant now() {
        return Instant.now(calendar.clock());
    }
}
