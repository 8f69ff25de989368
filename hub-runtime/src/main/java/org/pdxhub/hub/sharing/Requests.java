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
import org.pdxhub.plugin.OpenType;
import org.pdxhub.plugin.ShareType;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The request workflows: share requests (共享申请, art. 18), demands for uncatalogued data
 * (需求申请, art. 21), applications for conditionally open data (开放申请, art. 26) and public
 * demands (art. 27). Each waits for one organisation and role at a time, until a date counted
 * in working days; each answer is recorded with who gave it, and an approval issues exactly the
 * grant asked for. Every check runs before anything is written.
 */
@ApplicationScoped
public class Requests {

    /** Who decided a request refused at once by its classification. */
    static final String CATALOG = "catalog";

    /** The requested period of use; both ends optional (default: from the approval, one year). */
    public record Period(LocalDate from, LocalDate to) {
    }

    /**
     * A share request (共享申请); scenario to commitment are required for a CONDITIONAL resource.
     * The purpose, with its optional short code, becomes the grant's approved purpose.
     */
    public record ShareAsk(String resource, List<String> fields, String purpose, String person, String scenario, String basis,
                           String goal, String securityMeasures, String commitment, Period period, String purposeCode,
                           List<String> acceptedMeasures) {
    }

    /** A demand for data not in the catalog (需求申请), to the organisation that holds it. */
    public record DemandAsk(String provider, String description, List<String> fields, String purpose, String person) {
    }

    /** An application for conditionally open data (开放申请); the purpose becomes the grant's, as for a share request. */
    public record OpenAsk(String resource, List<String> fields, String purpose, String person, String scenario, Period period,
                          String purposeCode) {
    }

    /** The public asks for data not yet open (art. 27): no key, so no organisation. */
    public record PublicDemandAsk(String name, String contact, String resource, String provider, String description, String purpose) {
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
    SecurityMeasures securityMeasures;

    @Transactional
    public DataRequest submitShare(ShareAsk a, Caller by) {
        if (a == null) {
            throw ProblemException.badRequest("missing-body", null, "send the share request as JSON");
        }
        CatalogResource r = published(a.resource());
        if (r.provider().equals(by.organisation())) {
            throw ProblemException.badRequest("own-resource", "resource", r.code() + " is your organisation's own resource: nothing to request");
        }
        Set<String> fields = fields(a.fields(), r);
        String purpose = required(a.purpose(), "purpose", "what the data is used for, within your organisation's duties (art. 19)");
        String purposeCode = Purpose.code(a.purposeCode(), "purposeCode");
        Period period = period(a.period());
        String person = a.person() == null || a.person().isBlank() ? by.holder() : a.person().strip();
        Instant now = now();
        LocalDate today = calendar.today();
        String id = "SR-" + UUID.randomUUID();
        DataRequest req;
        Set<String> accepted = null;
        switch (r.shareType()) {
            case NONE -> req = new DataRequest(id, RequestKind.SHARE, RequestStatus.REJECTED, by.organisation(), person, by.keyId(), r.code(),
                    ShareType.NONE.name(), r.provider(), fields, purpose, clean(a.scenario()), clean(a.basis()), clean(a.goal()),
                    clean(a.securityMeasures()), clean(a.commitment()), null, null, period.from(), period.to(), today, now, today, null, null,
                    false, null, DataRequest.Decision.REJECT, r.code() + " is classified not shared (不予共享, art. 14): it is refused at once",
                    r.shareBasis(), now, CATALOG, null, null, null, null, null, null, null, null, now);
            case UNCONDITIONAL -> req = open(id, RequestKind.SHARE, r, ShareType.UNCONDITIONAL.name(), fields, purpose, person, by, a, period,
                    today, now, deadlines.unconditionalShareReview(), agency(), Role.REVIEWER);
            case CONDITIONAL -> {
                required(a.scenario(), "scenario", "the application scenario (应用场景) is required for a CONDITIONAL resource (art. 18)");
                required(a.basis(), "basis", "the basis of the need (需求依据) is required for a CONDITIONAL resource (art. 18)");
                required(a.goal(), "goal", "the business goal (业务目标) is required for a CONDITIONAL resource (art. 18)");
                required(a.securityMeasures(), "securityMeasures", "the security measures (安全保障措施) are required for a CONDITIONAL resource (art. 18)");
                commitment(a.commitment());
                accepted = securityMeasures.requireAcceptance(a.acceptedMeasures());
                req = open(id, RequestKind.SHARE, r, ShareType.CONDITIONAL.name(), fields, purpose, person, by, a, period,
                        today, now, deadlines.conditionalShareDecision(), r.provider(), Role.SPECIALIST);
            }
            default -> throw new IllegalStateException(r.shareType().name());
        }
        req = req.withPurposeCode(purposeCode);
        store.insert(req);
        if (accepted != null) {
            store.acceptMeasures(id, accepted);
        }
        store.step(id, now, "SUBMITTED", by.keyId(), "fields " + fields + (accepted == null ? "" : "; accepted measures " + accepted),
                req.dueBy());
        if (req.status() == RequestStatus.REJECTED) {
            store.step(id, now, "REJECTED", CATALOG, req.decisionReason() + "; basis: " + req.decisionBasis(), null);
            tellRequester(req, "REQUEST_ANSWERED", "refused at once: " + r.code() + " is not shared; basis: " + r.shareBasis());
        } else {
            tellAssignee(req, r.shareType() == ShareType.UNCONDITIONAL ? "SHARE_REVIEW_DUE" : "SHARE_DECISION_DUE");
        }
        return req;
    }

    @Transactional
    public DataRequest submitOpenApplication(OpenAsk a, Caller by) {
        if (a == null) {
            throw ProblemException.badRequest("missing-body", null, "send the application as JSON");
        }
        CatalogResource r = published(a.resource());
        if (r.openType() == OpenType.UNCONDITIONAL) {
            throw ProblemException.badRequest("open-without-conditions", "resource", r.code()
                    + " is open without conditions: download it at /api/v1/open/resources/" + r.code() + "/data, no application needed");
        }
        Set<String> fields = fields(a.fields(), r);
        String purpose = required(a.purpose(), "purpose", "what the data will be used for (art. 26)");
        String purposeCode = Purpose.code(a.purposeCode(), "purposeCode");
        Period period = period(a.period());
        String person = a.person() == null || a.person().isBlank() ? by.holder() : a.person().strip();
        Instant now = now();
        LocalDate today = calendar.today();
        String id = "OA-" + UUID.randomUUID();
        DataRequest req;
        if (r.openType() == OpenType.NONE) {
            req = new DataRequest(id, RequestKind.OPEN_APPLICATION, RequestStatus.REJECTED, by.organisation(), person, by.keyId(), r.code(),
                    OpenType.NONE.name(), r.provider(), fields, purpose, clean(a.scenario()), null, null, null, null, null, null,
                    period.from(), period.to(), today, now, today, null, null, false, null, DataRequest.Decision.REJECT,
                    r.code() + " is classified not open (不予开放, art. 23): it is refused at once", r.openBasis(), now, CATALOG,
                    null, null, null, null, null, null, null, null, now);
        } else {
            req = new DataRequest(id, RequestKind.OPEN_APPLICATION, RequestStatus.SUBMITTED, by.organisation(), person, by.keyId(), r.code(),
                    OpenType.CONDITIONAL.name(), r.provider(), fields, purpose, clean(a.scenario()), null, null, null, null, null, null,
                    period.from(), period.to(), today, now, calendar.addWorkingDays(today, deadlines.openApplication()), r.provider(),
                    Role.SPECIALIST, false, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null);
        }
        req = req.withPurposeCode(purposeCode);
        store.insert(req);
        store.step(id, now, "SUBMITTED", by.keyId(), "fields " + fields, req.dueBy());
        if (req.status() == RequestStatus.REJECTED) {
            store.step(id, now, "REJECTED", CATALOG, req.decisionReason() + "; basis: " + req.decisionBasis(), null);
            tellRequester(req, "REQUEST_ANSWERED", "refused at once: " + r.code() + " is not open; basis: " + r.openBasis());
        } else {
            tellAssignee(req, "OPEN_APPLICATION_DUE");
        }
        return req;
    }

    @Transactional
    public DataRequest submitDemand(DemandAsk a, Caller by) {
        if (a == null) {
            throw ProblemException.badRequest("missing-body", null, "send the demand as JSON");
        }
        organisations.checkUscc(a.provider(), "provider");
        String description = required(a.description(), "description", "describe the data asked for: what it is and which items");
        String purpose = required(a.purpose(), "purpose", "what the data is used for, within your organisation's duties");
        Organisation requester = organisations.require(by.organisation(), "organisation");
        if (a.provider().equals(by.organisation())) {
            throw ProblemException.badRequest("own-organisation", "provider", "the provider is your own organisation");
        }
        String routing = crossing(requester, organisations.find(a.provider()).orElse(null), a.provider());
        Set<String> fields = a.fields() == null ? null : a.fields().stream().filter(Objects::nonNull).map(String::strip)
                .filter(s -> !s.isEmpty()).collect(Collectors.toCollection(LinkedHashSet::new));
        String person = a.person() == null || a.person().isBlank() ? by.holder() : a.person().strip();
        Instant now = now();
        LocalDate today = calendar.today();
        String id = "DR-" + UUID.randomUUID();
        DataRequest req = new DataRequest(id, RequestKind.DEMAND, RequestStatus.SUBMITTED, by.organisation(), person, by.keyId(), null, null,
                a.provider(), fields, purpose, null, null, null, null, null, description, null, null, null, today, now,
                calendar.addWorkingDays(today, deadlines.demandResponse()), routing == null ? a.provider() : agency(),
                routing == null ? Role.SPECIALIST : Role.REVIEWER, routing != null, routing,
                null, null, null, null, null, null, null, null, null, null, null, null, null, null);
        store.insert(req);
        store.step(id, now, "SUBMITTED", by.keyId(), routing == null ? null : "routed to the agency reviewer: " + routing, req.dueBy());
        tellAssignee(req, "DEMAND_RESPONSE_DUE");
        return req;
    }

    @Transactional
    public DataRequest submitPublicDemand(PublicDemandAsk a) {
        if (a == null) {
            throw ProblemException.badRequest("missing-body", null, "send the demand as JSON");
        }
        String description = required(a.description(), "description", "describe the data you would like opened");
        String provider = clean(a.provider());
        String code = clean(a.resource());
        if (code != null) {
            CatalogResource r = catalog.find(code).filter(c -> c.status() == ResourceStatus.PUBLISHED)
                    .orElseThrow(() -> ProblemException.badRequest("unknown-resource", "resource", "no published resource '" + code
                            + "'; leave resource out and describe the data instead"));
            if (r.openType() == OpenType.UNCONDITIONAL) {
                throw ProblemException.badRequest("already-open", "resource", code + " is already open: download it at /api/v1/open/resources/"
                        + code + "/data");
            }
            provider = r.provider();
        }
        boolean known = provider != null && organisations.find(provider).isPresent();
        String routing = known ? null : provider == null ? "no provider named: the agency finds who holds the data"
                : "provider " + provider + " is not registered on this node: the agency coordinates";
        Instant now = now();
        LocalDate today = calendar.today();
        String name = clean(a.name());
        String id = "PD-" + UUID.randomUUID();
        DataRequest req = new DataRequest(id, RequestKind.PUBLIC_DEMAND, RequestStatus.SUBMITTED, null, name == null ? "public" : name, null,
                code, null, provider, null, clean(a.purpose()) == null ? "public demand for data not yet open" : clean(a.purpose()),
                null, null, null, null, null, description, clean(a.contact()), null, null, today, now,
                calendar.addWorkingDays(today, deadlines.demandResponse()), known ? provider : agency(),
                known ? Role.SPECIALIST : Role.REVIEWER, !known, routing,
                null, null, null, null, null, null, null, null, null, null, null, null, null, null);
        store.insert(req);
        store.step(id, now, "SUBMITTED", "public", routing, req.dueBy());
        tellAssignee(req, "PUBLIC_DEMAND_DUE");
        return req;
    }

    /**
     * The answer of whoever the request waits for: the agency reviewer (formal review of an
     * UNCONDITIONAL share request, a demand routed to the agency, a dispute) or the provider's
     * data specialist (CONDITIONAL share request, open application, demand). An approved share
     * request or open application issues its grant.
     */
    @Transactional
    public DataRequest decide(RequestKind kind, String id, Answer a, Caller by) {
        DataRequest r = find(kind, id, by);
        if (!r.status().isOpen()) {
            throw ProblemException.conflict("request.closed", "id", "request " + id + " is closed (" + r.status() + "): it takes no more decisions");
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
        String grantId = approve && !person && (kind == RequestKind.SHARE || kind == RequestKind.OPEN_APPLICATION)
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
        return disputeAs(r, reason, by.keyId());
    }

    /** The dispute of a natural person's open application, by the token it was given at filing (art. 26). */
    @Transactional
    public DataRequest disputeByPerson(DataRequest r, String reason) {
        return disputeAs(r, reason, "person:" + r.id());
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
        GrantSource source = r.kind() == RequestKind.SHARE ? GrantSource.SHARE_REQUEST : GrantSource.OPEN_APPLICATION;
        // The purpose the request stated is the one approved: reads under the grant must state it (art. 19).
        Purpose purpose = new Purpose(r.purposeCode() == null ? r.id() : r.purposeCode(), r.purpose());
        return grants.issue(r.requesterUscc(), r.resourceCode(), r.fields(), Set.of(), purpose, from, to, source, r.id(),
                null, null, by.keyId());
    }

    private DataRequest open(String id, RequestKind kind, CatalogResource r, String type, Set<String> fields, String purpose, String person,
                             Caller by, ShareAsk a, Period period, LocalDate today, Instant now, int days, String assignee, Role role) {
        return new DataRequest(id, kind, RequestStatus.SUBMITTED, by.organisation(), person, by.keyId(), r.code(), type, r.provider(), fields,
                purpose, clean(a.scenario()), clean(a.basis()), clean(a.goal()), clean(a.securityMeasures()), clean(a.commitment()), null, null,
                period.from(), period.to(), today, now, calendar.addWorkingDays(today, days), assignee, role, false, null,
                null, null, null, null, null, null, null, null, null, null, null, null, null, null);
    }

    /** Why a demand goes through the agency (art. 21 para. 2), or null when the provider answers it directly. */
    private static String crossing(Organisation requester, Organisation provider, String providerUscc) {
        if (provider == null) {
            return "provider " + providerUscc + " is not registered on this node (another region or level): the agency coordinates (art. 21)";
        }
        if (provider.level() != requester.level()) {
            return "crosses levels (" + requester.level() + " → " + provider.level() + "): the agency coordinates (art. 21)";
        }
        if (!Objects.equals(provider.regionCode(), requester.regionCode())) {
            return "crosses regions (" + requester.regionCode() + " → " + provider.regionCode() + "): the agency coordinates (art. 21)";
        }
        return null;
    }

    private void tellAssignee(DataRequest r, String kind) {
        metrics.track(r.assigneeUscc());
        notifications.tell(kind, r.id(), r.kind(), r.resourceCode(), r.assigneeUscc(), r.assigneeRole().name(), r.dueBy(),
                r.routedToAgency() ? r.routingNote() : null, now());
    }

    private void tellRequester(DataRequest r, String kind, String message) {
        if (r.requesterUscc() != null) {
            notifications.tell(kind, r.id(), r.kind(), r.resourceCode(), r.requesterUscc(), "REQUESTER", null, message, now());
        }
    }

    private CatalogResource published(String code) {
        String c = required(code, "resource", "name the catalog resource by its code, e.g. GZ-SAMR-ENT-001");
        return catalog.find(c).filter(r -> r.status() == ResourceStatus.PUBLISHED)
                .orElseThrow(() -> new ProblemException(404, "resource.not-published", "Not found", "no published resource '" + c
                        + "': requests name a published catalog resource; for data not in the catalog send a demand (POST /api/v1/demand-requests)",
                        "resource"));
    }

    /** 最少够用 (art. 18): the fields must be named, and each must be an item of the resource. */
    private static Set<String> fields(List<String> asked, CatalogResource r) {
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

    private Period period(Period p) {
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

    private static void commitment(String text) {
        String c = clean(text);
        if (c == null || c.equalsIgnoreCase("false")) {
            throw ProblemException.badRequest("commitment-required", "commitment", "a CONDITIONAL request carries the requester's commitment"
                    + " that it is true, secure and compliant (承诺其真实性、安全性、合规性, art. 18)");
        }
    }

    private static String required(String value, String field, String detail) {
        String v = clean(value);
        if (v == null) {
            throw ProblemException.badRequest("missing-field", field, field + " is required: " + detail);
        }
        return v;
    }

    private static String clean(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static String joined(String a, String b) {
        return a == null ? b : b == null ? a : a + "; basis: " + b;
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private Instant now() {
        return Instant.now(calendar.clock()).truncatedTo(ChronoUnit.MICROS);
    }

    private static String name(RequestKind kind) {
        return switch (kind) {
            case SHARE -> "share request";
            case DEMAND, PUBLIC_DEMAND -> "demand request";
            case OPEN_APPLICATION -> "open application";
        };
    }
}
