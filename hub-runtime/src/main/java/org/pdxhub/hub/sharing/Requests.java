package org.pdxhub.hub.sharing;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.pdxhub.hub.access.Agency;
import org.pdxhub.hub.access.Caller;
import org.pdxhub.hub.access.Role;
import org.pdxhub.hub.api.ProblemException;
import org.pdxhub.hub.calendar.Deadlines;
import org.pdxhub.hub.calendar.WorkingDayCalendar;
import org.pdxhub.hub.catalog.Catalog;
import org.pdxhub.hub.catalog.CatalogResource;
import org.pdxhub.hub.catalog.DataItem;
import org.pdxhub.hub.catalog.ResourceStatus;
import org.pdxhub.hub.organisation.Organisation;
import org.pdxhub.hub.organisation.Organisations;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The one lifecycle every request goes through once filed by its workflow ({@link ShareRequests},
 * {@link Demands}, {@link OpenApplications}, {@link PersonApplications}): it waits for one
 * organisation and role at a time, until a date counted in working days; each answer is recorded
 * with who gave it, an approval issues exactly the grant asked for, a refusal or a missed date may
 * be disputed before the agency. Every check runs before anything is written.
 */
@ApplicationScoped
public class Requests {

    /** Who decided a request refused at once by its classification. */
    static final String CATALOG = "catalog";

    /** The requested period of use; both ends optional (default: from the approval, one year). */
    public record Period(LocalDate from, LocalDate to) {
    }

    /** An answer: APPROVE, or REJECT with a reason and its basis. */
    public record Answer(DataRequest.Decision decision, String reason, String basis) {
    }

    @Inject
    RequestStore store;

    @Inject
    Catalog catalog;

    @Inject
    Organisations organisations;

    @Inject
    Grants grants;

    @Inject
    WorkingDayCalendar calendar;

    @Inject
    Deadlines deadlines;

    @Inject
    Notifications notifications;

    @Inject
    RequestMetrics metrics;

    @Inject
    Agency agency;

    @Inject
    Clock clock;

    @Inject
    DemandFollowUps followUps;

    @Inject
    RelayedDecisions relayedDecisions;

    /**
     * The answer of whoever the request waits for: the agency reviewer (formal review of an
     * UNCONDITIONAL share request, a demand routed to the agency, a dispute) or the provider's
     * data specialist (CONDITIONAL share request, open application, demand). An approved share
     * request or open application issues its grant.
     */
    @Transactional
    public DataRequest decide(RequestKind kind, String id, Answer a, Caller by) {
        return decide(kind, id, a, by, false);
    }

    /**
     * The agency's decision made at its node, come back over the links, on a request that waits
     * here for it as {@code waitsAs} (a formal review or routed demand SUBMITTED, a dispute
     * DISPUTED): applied in a transaction of its own.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    DataRequest settleForAgencyNode(String id, RequestStatus waitsAs, Answer a, Caller agencyNode) {
        DataRequest r = store.find(id).orElseThrow(() -> ProblemException.notFound("request", id));
        if (r.status() != waitsAs || r.assigneeRole() != Role.REVIEWER) {
            throw ProblemException.conflict("request.closed", "id", "request " + id + " is " + r.status() + ": it no longer waits"
                    + " here for the agency's decision of what was sent up while it was " + waitsAs);
        }
        return decide(r.kind(), id, a, agencyNode, true);
    }

    private DataRequest decide(RequestKind kind, String id, Answer a, Caller by, boolean byAgencyNode) {
        DataRequest r = find(kind, id, by);
        if (!r.status().isOpen()) {
            throw ProblemException.conflict("request.closed", "id", "request " + id + " is closed (" + r.status() + "): it takes no more decisions");
        }
        if (r.assigneeRole() == Role.REVIEWER && !byAgencyNode && relayedDecisions.agencyElsewhere()) {
            throw ProblemException.forbidden("request.decided-at-agency-node", (r.status() == RequestStatus.DISPUTED ? "the dispute of "
                    : "the agency's decision of ") + name(r.kind()) + " " + id + " is made by the data agency " + agency.uscc()
                    + " (pdx.node.agency) at its own node, not by any key here: it was sent there over the parent link,"
                    + " and the decision is applied here when it comes back (GET /api/v1/relayed-disputes/sent)");
        }
        requireAssignee(r, by);
        if (a == null || a.decision() == null) {
            throw ProblemException.badRequest("missing-field", "decision", "decision is required: APPROVE or REJECT");
        }
        String reason = clean(a.reason());
        String basis = clean(a.basis());
        if (a.decision() == DataRequest.Decision.REJECT) {
            required(reason, "reason", "a refusal must say why (art. 18, 26)");
            required(basis, "basis", "a refusal must give its basis: the law, rule or catalog condition it rests on (art. 18, 26)");
        }
        Instant now = now();
        boolean approve = a.decision() == DataRequest.Decision.APPROVE;
        boolean person = r.kind() == RequestKind.OPEN_APPLICATION && r.requesterUscc() == null;
        if (approve && person && store.naturalPerson(id).map(p -> p.identityVerifiedAt() == null).orElse(true)) {
            throw ProblemException.conflict("identity.unverified", "id", "open application " + id + " is from a natural person whose"
                    + " identity the agency has not verified yet (POST /api/v1/open-applications/" + id + "/identity): it cannot be approved");
        }
        // A natural person holds no key, so no key-bound grant: the approval is the answer, the provider delivers to the contact.
        String grantId = approve && !person && (kind == RequestKind.SHARE || kind == RequestKind.OPEN_APPLICATION || kind == RequestKind.VERIFICATION
                || kind == RequestKind.STATISTICS)
                ? issueGrant(r, by, now).id() : null;
        boolean done;
        RequestStatus to;
        if (r.status() == RequestStatus.SUBMITTED) {
            to = approve ? RequestStatus.APPROVED : RequestStatus.REJECTED;
            done = store.decide(id, to, a.decision(), reason, basis, now, by.keyId(), grantId);
        } else {
            to = approve ? RequestStatus.APPROVED : RequestStatus.REFUSAL_UPHELD;
            done = store.settle(id, to, a.decision(), joined(reason, basis), now, by.keyId(), grantId);
        }
        if (!done) {
            throw ProblemException.conflict("request.changed", "id", "request " + id + " was answered meanwhile; read it again");
        }
        store.step(id, now, r.status() == RequestStatus.DISPUTED ? "DISPUTE_" + to : to.name(), by.keyId(),
                grantId != null ? "grant " + grantId : joined(reason, basis), null);
        DataRequest after = store.find(id).orElseThrow();
        tellRequester(after, "REQUEST_ANSWERED", to + (grantId == null ? "" : ", grant " + grantId));
        if (approve && (after.kind() == RequestKind.DEMAND || after.kind() == RequestKind.PUBLIC_DEMAND) && after.providerUscc() != null) {
            // Art. 21: an approval is a promise to aggregate, catalog and serve the data; it is followed up until it is kept.
            followUps.open(after, now);
        }
        if (approve && after.providerUscc() != null && after.resourceCode() != null && !after.providerUscc().equals(by.organisation())) {
            // Art. 18: the provider is told of every approval on its data, also one it did not give (formal review, dispute).
            notifications.tell("APPROVED_ON_YOUR_DATA", id, after.kind(), after.resourceCode(), after.providerUscc(), "SPECIALIST", null,
                    name(after.kind()) + " " + id + " approved by " + by.organisation() + (grantId == null ? "" : ", grant " + grantId), now);
        }
        return after;
    }

    /**
     * The requester disputes a refusal, or a request left unanswered past its date; the agency
     * reviewer settles it (art. 18, 26).
     */
    @Transactional
    public DataRequest dispute(RequestKind kind, String id, String reason, Caller by) {
        DataRequest r = find(kind, id, by);
        if (!by.organisation().equals(r.requesterUscc())) {
            throw ProblemException.forbidden("request.not-requester", "only the requesting organisation " + r.requesterUscc() + " disputes its refusal");
        }
        DataRequest after = disputeAs(r, reason, by.keyId());
        relayedDecisions.sendIfAgencyElsewhere(after, by);
        return after;
    }

    /** The dispute of a natural person's open application, by the token it was given at filing (art. 26). */
    @Transactional
    public DataRequest disputeByPerson(DataRequest r, String reason) {
        DataRequest after = disputeAs(r, reason, "person:" + r.id());
        relayedDecisions.sendIfAgencyElsewhere(after, null);
        return after;
    }

    /** A request just filed that waits for the agency's reviewer goes to the agency's node when the agency is there. */
    void toAgency(DataRequest r, Caller by) {
        relayedDecisions.sendIfAgencyElsewhere(r, by);
    }

    private DataRequest disputeAs(DataRequest r, String reason, String actor) {
        String id = r.id();
        LocalDate today = calendar.today();
        boolean missed = r.status() == RequestStatus.SUBMITTED && r.dueBy() != null && r.dueBy().isBefore(today) && r.disputedAt() == null;
        if (r.status() != RequestStatus.REJECTED && !missed) {
            throw ProblemException.conflict("request.no-refusal", "id", "request " + id + " is " + r.status()
                    + (r.status() == RequestStatus.SUBMITTED ? " and due by " + r.dueBy() + ": it can be disputed once refused, or once"
                    + " that date has passed unanswered" : ": only a refused or overdue request can be disputed, once"));
        }
        if (CATALOG.equals(r.decidedBy())) {
            throw ProblemException.conflict("request.classification", "id", r.resourceCode() + " is refused by its classification (NONE);"
                    + " the classification changes only through a catalog change reviewed by the agency (art. 16, 24), not by a dispute");
        }
        String why = required(reason, "reason", "say why the refusal is disputed");
        Instant now = now();
        LocalDate due = calendar.addWorkingDays(today, deadlines.disputeDecision());
        boolean done = missed ? store.disputeMissedDeadline(id, why, now, actor, due, agency(), today)
                : store.dispute(id, why, now, actor, due, agency());
        if (!done) {
            throw ProblemException.conflict("request.changed", "id", "request " + id + " changed meanwhile; read it again");
        }
        store.step(id, now, missed ? "DISPUTED_OVERDUE" : "DISPUTED", actor, missed ? "unanswered since " + r.dueBy() + ": " + why : why, due);
        DataRequest after = store.find(id).orElseThrow();
        tellAssignee(after, "DISPUTE_DUE");
        return after;
    }

    /**
     * A request of this kind that the caller may see: the agency's reviewers and admins see all,
     * others their own side's. One that exists but is not the caller's is refused (403), saying who
     * may see it but not who its parties are; only an id that does not exist is a 404.
     */
    public DataRequest find(RequestKind kind, String id, Caller by) {
        DataRequest r = store.find(id).filter(x -> x.kind() == kind || (kind == RequestKind.DEMAND && x.kind() == RequestKind.PUBLIC_DEMAND))
                .orElseThrow(() -> ProblemException.notFound(name(kind), id));
        if (!visible(r, by)) {
            throw ProblemException.forbidden("request.not-party", name(kind) + " " + id + " is seen and decided only by the requesting"
                    + " organisation, the provider, the organisation it waits for, and a REVIEWER or ADMIN of the data agency " + agency.uscc()
                    + "; this key is " + by.roles() + " of " + by.organisation());
        }
        return r;
    }

    /**
     * Only whoever the request waits for decides it: the agency's REVIEWER (formal review,
     * routed demand, dispute), or the data specialist of the organisation named. No key decides
     * what it asked for itself, nor a dispute of its own refusal.
     */
    private void requireAssignee(DataRequest r, Caller by) {
        if (r.assigneeRole() == Role.REVIEWER) {
            agency.requireReviewer(by, "deciding " + name(r.kind()) + " " + r.id()
                    + (r.status() == RequestStatus.DISPUTED ? " (a dispute)" : " (it waits for the agency)"));
        } else if (!by.has(r.assigneeRole()) || !r.assigneeUscc().equals(by.organisation())) {
            throw ProblemException.forbidden("request.not-assignee", name(r.kind()) + " " + r.id() + " waits for the "
                    + r.assigneeRole() + " (data specialist) of " + r.assigneeUscc() + "; this key is " + by.roles() + " of " + by.organisation());
        }
        if (by.keyId().equals(r.requesterKey()) || r.status() == RequestStatus.DISPUTED && by.keyId().equals(r.decidedBy())) {
            throw ProblemException.forbidden("request.own-act", "key " + by.keyId() + (by.keyId().equals(r.requesterKey())
                    ? " filed request " + r.id() : " made the refusal disputed in " + r.id())
                    + ": another " + r.assigneeRole() + " of " + (r.assigneeRole() == Role.REVIEWER ? agency.uscc() : r.assigneeUscc())
                    + " decides it");
        }
    }

    /** A public demand, by its id: whoever holds the id asked for it. */
    /** Any request by id, for the node itself (relaying answers to another node), not for callers. */
    public Optional<DataRequest> byId(String id) {
        return store.find(id);
    }

    public DataRequest publicDemand(String id) {
        return store.find(id).filter(r -> r.kind() == RequestKind.PUBLIC_DEMAND)
                .orElseThrow(() -> ProblemException.notFound("public demand", id));
    }

    public List<DataRequest> list(RequestStore.Query q, Caller by) {
        return store.list(q).stream().filter(r -> visible(r, by)).toList();
    }

    public List<DataRequest> overdue(RequestKind kind, Caller by) {
        return store.overdue(calendar.today(), kind).stream().filter(r -> visible(r, by)).toList();
    }

    /** The codes of the stated security measures the requester accepted, or null (art. 18). */
    public Set<String> acceptedMeasures(String id) {
        return store.acceptedMeasures(id);
    }

    public List<RequestStore.Step> steps(String id) {
        return store.steps(id);
    }

    /** Who must act now: the organisation, the role, and the person it named as its data specialist (art. 7). */
    public Notification.Actor waitingFor(DataRequest r) {
        return new Notification.Actor(r.assigneeUscc(), r.assigneeRole().name(),
                organisations.find(r.assigneeUscc()).map(Organisation::dataSpecialist).orElse(null));
    }

    boolean visible(DataRequest r, Caller by) {
        return agency.is(by, Role.REVIEWER) || agency.is(by, Role.ADMIN) || by.organisation().equals(r.requesterUscc())
                || by.organisation().equals(r.providerUscc()) || by.organisation().equals(r.assigneeUscc());
    }

    /** The agency this node answers to (pdx.node.agency): formal reviews, disputes and routed demands wait for its reviewer. */
    String agency() {
        return agency.uscc();
    }

    private Grant issueGrant(DataRequest r, Caller by, Instant now) {
        Instant from = r.periodFrom() == null ? now : max(now, r.periodFrom().atStartOfDay(calendar.clock().getZone()).toInstant());
        Instant to = r.periodTo() == null ? from.atZone(calendar.clock().getZone()).plusYears(1).toInstant()
                : r.periodTo().plusDays(1).atStartOfDay(calendar.clock().getZone()).toInstant();
        GrantSource source = switch (r.kind()) {
            case SHARE -> GrantSource.SHARE_REQUEST;
            case VERIFICATION -> GrantSource.VERIFICATION_REQUEST;
            case STATISTICS -> GrantSource.STATISTICS_REQUEST;
            default -> GrantSource.OPEN_APPLICATION;
        };
        // The purpose the request stated is the one approved: reads under the grant must state it (art. 19).
        Purpose purpose = new Purpose(r.purposeCode() == null ? r.id() : r.purposeCode(), r.purpose());
        return grants.issue(r.requesterUscc(), r.resourceCode(), r.fields(), Set.of(), purpose, from, to, source, r.id(),
                null, null, by.keyId());
    }

    void tellAssignee(DataRequest r, String kind) {
        metrics.track(r.assigneeUscc());
        notifications.tell(kind, r.id(), r.kind(), r.resourceCode(), r.assigneeUscc(), r.assigneeRole().name(), r.dueBy(),
                r.routedToAgency() ? r.routingNote() : null, now());
    }

    void tellRequester(DataRequest r, String kind, String message) {
        if (r.requesterUscc() != null) {
            notifications.tell(kind, r.id(), r.kind(), r.resourceCode(), r.requesterUscc(), "REQUESTER", null, message, now());
        }
    }

    CatalogResource published(String code) {
        String c = required(code, "resource", "name the catalog resource by its code, e.g. GZ-SAMR-ENT-001");
        return catalog.find(c).filter(r -> r.status() == ResourceStatus.PUBLISHED)
                .orElseThrow(() -> new ProblemException(404, "resource.not-published", "Not found", "no published resource '" + c
                        + "': requests name a published catalog resource; for data not in the catalog send a demand (POST /api/v1/demand-requests)",
                        "resource"));
    }

    /** 最少够用 (art. 18): the fields must be named, and each must be an item of the resource. */
    static Set<String> fields(List<String> asked, CatalogResource r) {
        Set<String> items = r.items().stream().map(DataItem::name).collect(Collectors.toCollection(TreeSet::new));
        if (asked == null || asked.isEmpty()) {
            throw ProblemException.badRequest("missing-field", "fields", "name the fields you need, only those (最少够用, art. 18); "
                    + r.code() + " has " + items);
        }
        Set<String> out = new LinkedHashSet<>();
        for (String f : asked) {
            String name = f == null ? "" : f.strip();
            if (!items.contains(name)) {
                throw ProblemException.badRequest("unknown-field", "fields", "'" + name + "' is not a data item of " + r.code() + "; it has " + items);
            }
            out.add(name);
        }
        return out;
    }

    Period period(Period p) {
        if (p == null) {
            return new Period(null, null);
        }
        if (p.from() != null && p.to() != null && p.to().isBefore(p.from())) {
            throw ProblemException.badRequest("invalid-period", "period.to", "the period ends before it starts");
        }
        if (p.to() != null && p.to().isBefore(calendar.today())) {
            throw ProblemException.badRequest("invalid-period", "period.to", "the period has already ended (" + p.to() + ")");
        }
        return p;
    }

    static String required(String value, String field, String detail) {
        String v = clean(value);
        if (v == null) {
            throw ProblemException.badRequest("missing-field", field, field + " is required: " + detail);
        }
        return v;
    }

    static String clean(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static String joined(String a, String b) {
        return a == null ? b : b == null ? a : a + "; basis: " + b;
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    Instant now() {
        return Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
    }

    private static String name(RequestKind kind) {
        return switch (kind) {
            case SHARE -> "share request";
            case VERIFICATION -> "verification request";
            case STATISTICS -> "statistics request";
            case DEMAND, PUBLIC_DEMAND -> "demand request";
            case OPEN_APPLICATION -> "open application";
        };
    }
}
