package org.pdxhub.hub.catalog;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;
import org.pdxhub.hub.access.Agency;
import org.pdxhub.hub.access.Caller;
import org.pdxhub.hub.access.Role;
import org.pdxhub.hub.api.ProblemException;
import org.pdxhub.hub.link.AgencyRelay;
import org.pdxhub.hub.link.RelayAnswered;
import org.pdxhub.hub.link.RelayDesk;
import org.pdxhub.hub.link.RelayedRequests;
import org.pdxhub.hub.node.HubConfig;
import org.pdxhub.hub.store.Sql;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The agency's review of a catalog entry when the agency (pdx.node.agency) is not this node's
 * organisation (art. 8, 9, 25): the department node sends what waits for review up the links,
 * the node whose organisation is that agency files it for its reviewer, and the decision comes
 * back to publish, or return, the entry where it was written. Nobody at the department node
 * decides it. A refusal on the way, or by a link, stays visible with its reason at the
 * department node ({@code GET /api/v1/catalog-reviews/sent}) and may be sent again.
 */
@ApplicationScoped
public class RelayedReviews implements RelayDesk {

    private static final Logger LOG = Logger.getLogger(RelayedReviews.class);
    static final String ASK = "CATALOG_REVIEW";
    static final String WAITING = AgencyRelay.WAITING;
    /** The kind of agency decision this class relays (agency_review_sent.kind, relayed_review.kind). */
    static final String KIND = "CATALOG";

    /** What waits for review, as sent up: the published definition it starts from and the one proposed. */
    public record Entry(String agency, String code, Long changeId, CatalogChange.Kind kind, String provider,
                        ResourceDraft published, ResourceDraft proposed, String reason, UpgradeGround upgradeGround,
                        String upgradeEvidence, boolean openRaise, boolean downgrade, List<AgencyApprovals.Need> needs,
                        String fromNode, Instant sentAt) implements AgencyRelay.Entry {

        /** The provider sends its own entries. */
        @Override
        public String sender() {
            return provider;
        }

        @Override
        public String resource() {
            return code;
        }

        /** The measures set the agency's review of a catalog entry no date (art. 8 dates only the department's update). */
        @Override
        public LocalDate originDueBy() {
            return null;
        }

        String what() {
            return changeId == null ? "new resource " + code : (kind == CatalogChange.Kind.RETIREMENT ? "retirement" : "change")
                    + " " + changeId + " of " + code;
        }
    }

    /** An entry filed here for the agency's reviewer, and its decision once made. */
    public record Received(String id, String code, String provider, String status, Entry entry, Instant receivedAt,
                           Instant decidedAt, String decidedBy, String decisionNote) {
    }

    /** An entry this node sent up, and the last answer: who holds it, its decision or refusal and why. */
    public record Sent(String origin, String code, Long changeId, Instant sentAt, String status, String heldAt,
                       String reason, Instant updatedAt) {
    }

    private static final List<String> KINDS = List.of(KIND);
    private static final AgencyRelay.Desk<Entry> DESK = new AgencyRelay.Desk<>(Entry.class, "catalog entry", e -> "CR-", e -> KIND,
            e -> null);

    @Inject
    AgencyRelay relay;

    @Inject
    Agency agency;

    @Inject
    HubConfig hub;

    @Inject
    Sql sql;

    @Inject
    CatalogStore store;

    @Inject
    Catalog catalog;

    @Inject
    CatalogWorkflow workflow;

    @Inject
    ObjectMapper json;

    @Inject
    Clock clock;

    /** The agency is another node's organisation, reached over the parent link: it reviews there. */
    public boolean agencyElsewhere() {
        return relay.agencyElsewhere();
    }

    // ---- at the department node

    /** Sends what now waits for review on {@code code} (its submission, or change {@code changeId}) to the agency's node. */
    void sendIfAgencyElsewhere(String code, Long changeId, Caller by) {
        if (!agencyElsewhere()) {
            return;
        }
        Entry entry = entry(code, changeId);
        String origin = relay.send(ASK, new AgencyRelay.Subject(KIND, code, changeId, null), entry, by.holder(), by);
        LOG.infof("%s sent to the data agency %s for review (relayed request %s)", entry.what(), agency.uscc(), origin);
    }

    /** Sends again what a link or a node refused to carry or file; the last answer is kept for the record. */
    @Transactional
    public Sent resend(String origin, Caller by) {
        Sent s = sent(origin).orElseThrow(() -> ProblemException.notFound("catalog review sent", origin));
        CatalogStore.ResourceRow row = store.lock(s.code()).orElseThrow(() -> ProblemException.notFound("catalog resource", s.code()));
        if (!by.has(Role.SPECIALIST) || !row.provider().equals(by.organisation())) {
            throw ProblemException.forbidden("not-provider", "only a data specialist of the provider " + row.provider()
                    + " sends its entry again; this key is " + by.roles() + " of " + by.organisation());
        }
        if (!Set.of(RelayedRequests.LINK_REFUSED, "REFUSED", "NOT_HELD").contains(s.status()) || !stillWaiting(s)) {
            throw ProblemException.conflict("catalog.review-not-refused", "origin", "review " + origin + " is " + s.status()
                    + (stillWaiting(s) ? "" : ", and nothing of it waits for review any more")
                    + ": only one refused by a link or a node, still waiting here, is sent again");
        }
        sendIfAgencyElsewhere(s.code(), s.changeId(), by);
        return sent().stream().filter(x -> x.code().equals(s.code())).findFirst().orElseThrow();
    }

    /** What this node sent up, newest first. */
    public List<Sent> sent() {
        return relay.sent(KINDS).stream().map(RelayedReviews::sent).toList();
    }

    Optional<Sent> sent(String origin) {
        return relay.sent(origin, KINDS).map(RelayedReviews::sent);
    }

    private static Sent sent(AgencyRelay.Sent s) {
        return new Sent(s.origin(), s.subject().resource(), s.subject().changeId(), s.sentAt(), s.status(), s.heldAt(), s.reason(),
                s.updatedAt());
    }

    /** The agency's node answered: its decision publishes (or returns) the entry here; anything else is kept and logged. */
    void onAnswer(@Observes RelayAnswered answered) {
        Optional<Sent> s = sent(answered.origin());
        if (s.isEmpty()) {
            return;
        }
        Sent sent = s.get();
        String status = answered.status();
        Object reason = answered.answer().get("reason");
        if (!"APPROVED".equals(status) && !"RETURNED".equals(status)) {
            if (!WAITING.equals(status)) {
                LOG.warnf("The data agency's review of %s was not filed (%s): %s", sent.code(), status, reason);
            }
            return;
        }
        if (!stillWaiting(sent)) {
            LOG.warnf("The data agency decided %s on %s, which no longer waits for review: nothing done", status, sent.code());
            return;
        }
        Caller reviewer = relay.reviewerOf(answered);
        try {
            workflow.decideForAgencyNode(sent.code(), "APPROVED".equals(status) ? CatalogWorkflow.Decision.APPROVE : CatalogWorkflow.Decision.RETURN,
                    reason == null ? null : reason.toString(), json.convertValue(answered.answer().get("securityReview"), SecurityReview.class),
                    json.convertValue(answered.answer().get("approvals"), AgencyApprovals.class), reviewer);
            LOG.infof("The data agency's decision on %s applied here: %s", sent.code(), status);
        } catch (ProblemException refused) {
            LOG.errorf("The data agency's decision %s on %s could not be applied here: %s", status, sent.code(), refused.getMessage());
        }
    }

    private boolean stillWaiting(Sent s) {
        if (s.changeId() == null) {
            return store.lock(s.code()).map(r -> r.status() == ResourceStatus.SUBMITTED).orElse(false);
        }
        return store.pendingChange(s.code()).map(c -> c.id() == s.changeId()).orElse(false);
    }

    private Entry entry(String code, Long changeId) {
        CatalogStore.ResourceRow row = store.lock(code).orElseThrow();
        if (changeId == null) {
            ResourceDraft submitted = store.revision(row.revisionId()).orElseThrow().draft();
            List<AgencyApprovals.Need> needs = catalog.needs(code, null, submitted);
            return new Entry(agency.uscc(), code, null, null, row.provider(), null, submitted, null, null, null,
                    false, false, needs, hub.node().id(), Instant.now(clock));
        }
        CatalogChange c = store.change(changeId).orElseThrow();
        ResourceDraft published = store.revision(row.revisionId()).orElseThrow().draft();
        ResourceDraft proposed = c.kind() == CatalogChange.Kind.RETIREMENT ? null : catalog.changes(code).stream()
                .filter(x -> x.id() == changeId).findFirst().map(CatalogChange::proposed).orElse(null);
        List<AgencyApprovals.Need> needs = new ArrayList<>(catalog.needs(code, published, proposed));
        if (c.openRaise() && !needs.contains(AgencyApprovals.Need.SECURITY_REVIEW)) {
            needs.add(0, AgencyApprovals.Need.SECURITY_REVIEW);
        }
        return new Entry(agency.uscc(), code, changeId, c.kind(), row.provider(), published, proposed, c.reason(), c.upgradeGround(),
                c.upgradeEvidence(), c.openRaise(), c.downgrade(), needs, hub.node().id(), Instant.now(clock));
    }

    // ---- at the agency's node

    @Override
    public String ask() {
        return ASK;
    }

    @Override
    public Filed file(byte[] body, Caller as) {
        return relay.file(body, as, DESK);
    }

    /** What waits here for the agency's reviewer, oldest first. */
    public List<Received> waiting(Caller by) {
        requireAgencyHere(by);
        return relay.waiting(KINDS, Entry.class).stream().sorted(Comparator.comparing(AgencyRelay.Received::receivedAt))
                .map(RelayedReviews::received).toList();
    }

    public Received one(String id, Caller by) {
        requireAgencyHere(by);
        return relay.one(KINDS, id, Entry.class).map(RelayedReviews::received).orElseThrow(() -> ProblemException.notFound("relayed review", id));
    }

    /**
     * The agency's reviewer decides an entry sent up: the same checks as a review of the node's
     * own catalog (a comment to return, the security and secrecy review of an opening, the
     * approvals of art. 9), then the decision goes back down to publish there.
     */
    @Transactional
    public Received decide(String id, CatalogWorkflow.Decision decision, String comment, SecurityReview securityReview,
                           AgencyApprovals approvals, Caller by) {
        agency.requireReviewer(by, "reviewing relayed catalog entry " + id);
        AgencyRelay.Received<Entry> r = relay.lock(KINDS, id, Entry.class, "relayed review");
        if (decision == null) {
            throw ProblemException.badRequest("missing-field", "decision", "decision is required: APPROVE or RETURN");
        }
        String note = CatalogRules.clean(comment);
        if (decision == CatalogWorkflow.Decision.RETURN && note == null) {
            throw ProblemException.badRequest("missing-field", "comment", "a return needs a comment saying what to change");
        }
        if (!WAITING.equals(r.status())) {
            throw ProblemException.conflict("nothing-to-review", "status", "relayed review " + id + " is " + r.status() + " already");
        }
        SecurityReview checked = null;
        AgencyApprovals stated = null;
        if (decision == CatalogWorkflow.Decision.APPROVE) {
            Entry e = r.entry();
            List<AgencyApprovals.Need> needs = new ArrayList<>(e.needs() == null ? List.of() : e.needs());
            // What this node's catalog knows too: an item another resource here provides as its authoritative source.
            catalog.needs(e.code(), e.published(), e.proposed()).stream().filter(n -> !needs.contains(n)).forEach(needs::add);
            if (needs.contains(AgencyApprovals.Need.SECURITY_REVIEW) || e.openRaise()) {
                checked = workflow.requireSecurityReview(e.what() + " opens it further", securityReview);
            }
            stated = workflow.requireApprovals(e.code(), needs, approvals);
        }
        String status = decision == CatalogWorkflow.Decision.APPROVE ? "APPROVED" : "RETURNED";
        sql.update("update relayed_review set security_review = ?, approvals = ? where id = ?",
                checked == null ? null : relay.write(checked), stated == null ? null : relay.write(stated), id);
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("securityReview", checked);
        extra.put("approvals", stated);
        relay.decide(id, status, decision.name(), note, note, extra, by);
        return one(id, by);
    }

    private void requireAgencyHere(Caller by) {
        if (!agency.is(by, Role.REVIEWER) && !agency.is(by, Role.ADMIN)) {
            throw agency.notReviewer(by, "the catalog entries sent up for review");
        }
    }

    private static Received received(AgencyRelay.Received<Entry> r) {
        return new Received(r.id(), r.resource(), r.provider(), r.status(), r.entry(), r.receivedAt(), r.decidedAt(), r.decidedBy(),
                r.decisionNote());
    }
}
