package org.pdxhub.hub.sharing;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;
import org.pdxhub.hub.access.Agency;
import org.pdxhub.hub.access.Caller;
import org.pdxhub.hub.access.Role;
import org.pdxhub.hub.api.ProblemException;
import org.pdxhub.hub.calendar.Deadlines;
import org.pdxhub.hub.link.AgencyRelay;
import org.pdxhub.hub.link.RelayAnswered;
import org.pdxhub.hub.link.RelayDesk;
import org.pdxhub.hub.node.HubConfig;
import org.pdxhub.hub.store.Sql;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The data agency's decisions on requests, made at its own node (art. 18, 21, 26): when the
 * agency (pdx.node.agency) is another node's organisation, what waits here for the agency's
 * reviewer is sent up the links: the formal review of an UNCONDITIONAL share request, a demand
 * routed to the agency, the dispute of a refusal or of a missed date (a natural person's too).
 * The agency's reviewer there decides it by the date it carries, counted in working days from
 * its receipt here; the decision comes back over the signed link and is applied here. Nobody at
 * this node decides it, the department whose refusal is disputed least of all.
 */
@ApplicationScoped
public class RelayedDecisions implements RelayDesk {

    private static final Logger LOG = Logger.getLogger(RelayedDecisions.class);
    static final String ASK = "DISPUTE_DECISION";
    static final String WAITING = AgencyRelay.WAITING;
    private static final List<String> STAGES = Arrays.stream(Stage.values()).map(Stage::name).toList();

    /** What the agency is asked to decide (agency_review_sent.kind, relayed_review.kind). */
    public enum Stage {
        /** 形式审核 of an UNCONDITIONAL share or verification request (art. 18). */
        REVIEW,
        /** A demand the agency coordinates (art. 21 para. 2, art. 27). */
        DEMAND,
        /** The dispute of a refusal, or of a date missed (art. 18, 26). */
        DISPUTE,
        /** The identity check of a natural person who applied without the identity platform (art. 26). */
        IDENTITY;

        static Stage of(DataRequest r) {
            if (r.status() == RequestStatus.DISPUTED) {
                return DISPUTE;
            }
            return r.kind() == RequestKind.DEMAND || r.kind() == RequestKind.PUBLIC_DEMAND ? DEMAND : REVIEW;
        }

        /** The request's status at the department node while this stage waits for the agency. */
        RequestStatus waitsAs() {
            return this == DISPUTE ? RequestStatus.DISPUTED : RequestStatus.SUBMITTED;
        }

        /** The agency's working days for it, counted from its receipt at the agency's node, as for its own requests. */
        int workingDays(Deadlines d) {
            return switch (this) {
                case REVIEW -> d.unconditionalShareReview();
                case DEMAND -> d.demandResponse();
                case DISPUTE -> d.disputeDecision();
                case IDENTITY -> d.openApplication();
            };
        }

        /** The notification the agency's node sends when it files one, as it does for its own requests. */
        String dueNotice() {
            return switch (this) {
                case REVIEW -> "SHARE_REVIEW_DUE";
                case DEMAND -> "DEMAND_RESPONSE_DUE";
                case DISPUTE -> "DISPUTE_DUE";
                case IDENTITY -> "IDENTITY_VERIFICATION_DUE";
            };
        }
    }

    /**
     * A natural person as the agency needs them to check an identity at its service hall against
     * the ID card shown: the name and ID number masked. The contact, the purpose and the fields
     * asked for stay at the node that holds the application.
     */
    public record Applicant(String nameMasked, String idMasked) {
    }

    /**
     * What is sent up: the request, its refusal (for a dispute) and its due date, counted from
     * its receipt at the department node. A request of nobody's organisation (a natural person,
     * the public) is relayed in the name of the department node's organisation, {@code relayedBy}.
     */
    public record Asked(String agency, Stage stage, String requestId, RequestKind kind, String resource, String requester,
                        String provider, String purpose, String description, List<String> fields, String refusal,
                        String refusalBasis, String disputeReason, LocalDate receivedOn, LocalDate dueBy, String relayedBy,
                        String fromNode, Applicant applicant) implements AgencyRelay.Entry {

        public Asked {
            // A node of the version before formal reviews and demands were relayed sends disputes only, without a stage.
            stage = stage == null ? Stage.DISPUTE : stage;
        }

        /** Who must have sent it: the requesting organisation, or for a person's request the node that relays it. */
        @Override
        public String sender() {
            return requester != null ? requester : relayedBy;
        }

        @Override
        public LocalDate originDueBy() {
            return dueBy;
        }

        @Override
        public void check() {
            if (requestId == null) {
                throw ProblemException.badRequest("missing-field", "requestId", "a relayed request for the agency names the request's id"
                        + " at the node that holds it");
            }
        }

        /** The identity check of person's application {@code r}, relayed by the node's organisation: only what the check needs. */
        static Asked identity(String agency, DataRequest r, Applicant applicant, String relayedBy, String fromNode) {
            return new Asked(agency, Stage.IDENTITY, r.id(), r.kind(), r.resourceCode(), null, r.providerUscc(), null, null, List.of(),
                    null, null, null, r.submittedOn(), r.dueBy(), relayedBy, fromNode, applicant);
        }
    }

    /**
     * What waits here for the agency's reviewer, and its decision once made.
     *
     * @param dueBy           the agency's own date, counted in working days from its receipt here
     * @param departmentDueBy the date counted at the department node from the request's receipt there
     */
    public record Received(String id, Stage stage, String status, Asked asked, LocalDate dueBy, LocalDate departmentDueBy,
                           Instant receivedAt, Instant decidedAt, String decidedBy, String decision) {
    }

    /**
     * What this node sent up, and the last answer: who holds it, its decision or refusal and why.
     *
     * @param dueBy       the request's date here, counted from its receipt here
     * @param agencyDueBy the agency's own date, counted from its receipt at the agency's node, once it is filed there
     */
    public record Sent(String origin, Stage stage, String requestId, String resource, Instant sentAt, String status, String heldAt,
                       String reason, LocalDate dueBy, LocalDate agencyDueBy) {
    }

    @Inject
    AgencyRelay relay;

    @Inject
    Agency agency;

    @Inject
    HubConfig hub;

    @Inject
    Requests requests;

    @Inject
    PersonApplications persons;

    @Inject
    Deadlines deadlines;

    @Inject
    Notifications notifications;

    @Inject
    Clock clock;

    @Inject
    Sql sql;

    private final AgencyRelay.Desk<Asked> desk = new AgencyRelay.Desk<>(Asked.class, "request for the agency",
            a -> a.stage() == Stage.DISPUTE ? "CD-" : "CA-", a -> a.stage().name(), a -> a.stage().workingDays(deadlines));

    // ---- at the department node

    /** Whether the agency decides at another node, so that a request waiting for its reviewer is sent there. */
    boolean agencyElsewhere() {
        return relay.agencyElsewhere();
    }

    /** Sends request {@code r}, which now waits for the agency's reviewer, to the agency's node when the agency is there. */
    void sendIfAgencyElsewhere(DataRequest r, Caller by) {
        if (!agencyElsewhere() || r.assigneeRole() != Role.REVIEWER || !r.status().isOpen()) {
            return;
        }
        Stage stage = Stage.of(r);
        boolean organisation = r.requesterUscc() != null && by != null;
        send(stage, r, new Asked(agency.uscc(), stage, r.id(), r.kind(), r.resourceCode(), r.requesterUscc(), r.providerUscc(),
                r.purpose(), r.description(), r.fields() == null ? List.of() : List.copyOf(r.fields()), r.decisionReason(),
                r.decisionBasis(), r.disputeReason(), r.submittedOn(), r.dueBy(), hub.node().organisation(), hub.node().id(), null),
                organisation ? by : null);
    }

    /** Sends the identity check of person's application {@code r} to the agency's node: only the masked name and ID number go up. */
    void sendIdentityCheck(DataRequest r, Applicant applicant) {
        send(Stage.IDENTITY, r, Asked.identity(agency.uscc(), r, applicant, hub.node().organisation(), hub.node().id()), null);
    }

    /** Sends {@code a} up in the name of {@code by}, or of this node's organisation for a request of nobody's (a person's). */
    private void send(Stage stage, DataRequest r, Asked a, Caller by) {
        // A person holds no key here: the node's organisation relays, naming the request rather than the person.
        Caller sender = by != null ? by : new Caller("node:" + hub.node().id(), hub.node().organisation(), "request " + r.id(), Set.of());
        String resource = r.resourceCode() == null ? "-" : r.resourceCode();
        String origin = relay.send(ASK, new AgencyRelay.Subject(stage.name(), resource, null, r.id()), a, sender.holder(), sender);
        LOG.infof("The %s of request %s sent to the data agency %s (relayed request %s)", stage.name().toLowerCase(Locale.ROOT), r.id(),
                agency.uscc(), origin);
    }

    /** What this node sent up for the agency to decide, newest first, with the last answer. */
    public List<Sent> sent() {
        return relay.sent(STAGES).stream().map(s -> new Sent(s.origin(), Stage.valueOf(s.subject().kind()), s.subject().requestId(),
                s.subject().resource(), s.sentAt(), s.status(), s.heldAt(), s.reason(),
                requests.byId(s.subject().requestId()).map(DataRequest::dueBy).orElse(null), s.agencyDueBy())).toList();
    }

    /** Whether {@code by} is of the requesting or the providing organisation of request {@code requestId}. */
    boolean partyTo(String requestId, Caller by) {
        return requests.byId(requestId).map(r -> by.organisation().equals(r.requesterUscc()) || by.organisation().equals(r.providerUscc()))
                .orElse(false);
    }

    /** The agency's node decided: the request is answered here as the agency decided; anything else is kept and logged. */
    void onAnswer(@Observes RelayAnswered answered) {
        record Pending(String requestId, Stage stage) {
        }
        Optional<Pending> pending = relay.sent(answered.origin(), STAGES)
                .map(s -> new Pending(s.subject().requestId(), Stage.valueOf(s.subject().kind())));
        if (pending.isEmpty()) {
            return;
        }
        String requestId = pending.get().requestId();
        Stage stage = pending.get().stage();
        Map<String, Object> a = answered.answer();
        String decision = a.get("decision") == null ? null : a.get("decision").toString();
        if (!"APPROVE".equals(decision) && !"REJECT".equals(decision)) {
            if (!WAITING.equals(answered.status())) {
                LOG.warnf("The %s of request %s was not filed by the data agency (%s): %s", stage, requestId, answered.status(),
                        a.get("reason"));
            }
            return;
        }
        Caller agencyNode = relay.reviewerOf(answered);
        try {
            if (stage == Stage.IDENTITY) {
                persons.identityVerifiedAtAgencyNode(requestId, text(a.get("reason")), agencyNode);
            } else {
                requests.settleForAgencyNode(requestId, stage.waitsAs(), new Requests.Answer(DataRequest.Decision.valueOf(decision),
                        text(a.get("reason")), text(a.get("basis"))), agencyNode);
            }
            LOG.infof("The data agency's decision on the %s of request %s applied here: %s", stage, requestId, decision);
        } catch (ProblemException refused) {
            LOG.errorf("The data agency's decision on the %s of request %s could not be applied here: %s", stage, requestId,
                    refused.getMessage());
        }
    }

    private static String text(Object o) {
        return o == null ? null : o.toString();
    }

    // ---- at the agency's node

    @Override
    public String ask() {
        return ASK;
    }

    @Override
    public Filed file(byte[] body, Caller as) {
        Filed filed = relay.file(body, as, desk);
        relay.one(STAGES, filed.localId(), Asked.class).ifPresent(r -> notifications.tell(r.entry().stage().dueNotice(), r.id(),
                r.entry().kind(), r.entry().resource(), agency.uscc(), reviewerRole(r.entry().stage()).name(), r.dueBy(),
                "sent up by node " + r.entry().fromNode() + " for request " + r.entry().requestId() + "; due there by "
                        + r.originDueBy(), Instant.now(clock)));
        return filed;
    }

    /** Who at the agency acts on a stage: its SPECIALIST or REVIEWER checks an identity, as at its own node; its REVIEWER decides the rest. */
    private static Role reviewerRole(Stage stage) {
        return stage == Stage.IDENTITY ? Role.SPECIALIST : Role.REVIEWER;
    }

    /** What department nodes sent up for the agency's reviewer, soonest due first. */
    public List<Received> waiting(Caller by) {
        if (agency.is(by, Role.SPECIALIST) && !agency.isOverseer(by)) {
            // The agency's specialist checks identities, as at its own node, and sees only those.
            return relay.waiting(List.of(Stage.IDENTITY.name()), Asked.class).stream().map(RelayedDecisions::received).toList();
        }
        agency.requireOverseer(by, "the requests and disputes sent up for decision");
        return relay.waiting(STAGES, Asked.class).stream().map(RelayedDecisions::received).toList();
    }

    /** One item sent up, decided or not, for those who may see it waiting ({@link #waiting}); 404 for anyone else, as for no item. */
    public Received one(String id, Caller by) {
        return relay.one(STAGES, id, Asked.class).filter(r -> mayAct(by, r.entry().stage())).map(RelayedDecisions::received)
                .orElseThrow(() -> ProblemException.notFound("relayed request", id));
    }

    /** Whether {@code by} may see an item of this stage sent up: the agency's reviewer or admin, and for an identity its specialist too. */
    public boolean mayAct(Caller by, Stage stage) {
        return agency.isOverseer(by) || stage == Stage.IDENTITY && agency.is(by, Role.SPECIALIST);
    }

    /** Whether {@code by} decides an item of this stage: the agency's reviewer, and for an identity its specialist too. */
    public boolean decides(Caller by, Stage stage) {
        return agency.is(by, Role.REVIEWER) || stage == Stage.IDENTITY && agency.is(by, Role.SPECIALIST);
    }

    /**
     * The agency's reviewer decides what was sent up: APPROVE approves the request (a grant where
     * one is asked for) at the node that holds it, or confirms an identity (the reason says how it
     * was checked); REJECT refuses it, or upholds the disputed refusal, with reason and basis.
     */
    @Transactional
    public Received decide(String id, Requests.Answer a, Caller by) {
        AgencyRelay.Received<Asked> r = relay.lock(STAGES, id, Asked.class, "relayed request");
        Stage stage = r.entry().stage();
        if (stage == Stage.IDENTITY) {
            if (!agency.is(by, Role.SPECIALIST) && !agency.is(by, Role.REVIEWER)) {
                throw ProblemException.forbidden("agency.reviewer-required", "the identity of a natural person is verified by a"
                        + " SPECIALIST or REVIEWER of the data agency " + agency.uscc() + " (pdx.node.agency); this key is " + by.roles()
                        + " of " + by.organisation());
            }
        } else {
            agency.requireReviewer(by, "deciding relayed request " + id);
        }
        if (a == null || a.decision() == null) {
            throw ProblemException.badRequest("missing-field", "decision", "decision is required: APPROVE or REJECT");
        }
        String reason = a.reason() == null || a.reason().isBlank() ? null : a.reason().strip();
        String basis = a.basis() == null || a.basis().isBlank() ? null : a.basis().strip();
        if (stage == Stage.IDENTITY && (a.decision() != DataRequest.Decision.APPROVE || reason == null)) {
            throw ProblemException.badRequest(reason == null ? "missing-field" : "invalid-decision", reason == null ? "reason" : "decision",
                    "an identity is confirmed, not refused: APPROVE with the reason saying how it was checked, e.g. the ID card seen at"
                            + " the service hall; an identity not confirmed stays waiting");
        }
        if (a.decision() == DataRequest.Decision.REJECT && (reason == null || basis == null)) {
            throw ProblemException.badRequest("missing-field", reason == null ? "reason" : "basis", "a refusal says why"
                    + " and on which law, rule or catalog condition (art. 18, 26): give reason and basis");
        }
        if (!WAITING.equals(r.status())) {
            throw ProblemException.conflict("request.closed", "id", "relayed request " + id + " is " + r.status() + " already");
        }
        boolean approve = a.decision() == DataRequest.Decision.APPROVE;
        String status = approve ? (stage == Stage.IDENTITY ? "VERIFIED" : "APPROVED")
                : stage == Stage.DISPUTE ? "REFUSAL_UPHELD" : "REJECTED";
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("basis", basis);
        relay.decide(id, status, a.decision().name(), reason == null ? a.decision().name() : a.decision() + ": " + reason, reason,
                extra, by);
        return relay.one(STAGES, id, Asked.class).map(RelayedDecisions::received).orElseThrow();
    }

    /** Tells the agency once of each item sent up that is past its own date. */
    @Transactional
    public List<Received> remindOverdue() {
        Instant now = Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
        List<Received> told = new ArrayList<>();
        for (AgencyRelay.Received<Asked> r : relay.overdue(STAGES, Asked.class)) {
            if (sql.update("insert into review_reminder (kind, subject, due_by, reminded_at) values ('RELAYED_DECISION_OVERDUE',?,?,?)"
                    + " on conflict do nothing", r.id(), r.dueBy(), now) == 1) {
                notifications.tell("RELAYED_DECISION_OVERDUE", r.id(), r.entry().kind(), r.entry().resource(), agency.uscc(),
                        reviewerRole(r.entry().stage()).name(), r.dueBy(), "the " + r.entry().stage().name().toLowerCase(Locale.ROOT)
                                + " of request " + r.entry().requestId() + " sent up by node " + r.entry().fromNode() + " was due here by "
                                + r.dueBy() + " (there by " + r.originDueBy() + ")", now);
                told.add(received(r));
            }
        }
        return told;
    }

    @Scheduled(every = "${pdx.sharing.relayed-check-every:60s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void onSchedule() {
        List<Received> told = remindOverdue();
        if (!told.isEmpty()) {
            LOG.infof("Relayed requests overdue at the agency, reminded: %s", told.stream().map(Received::id).toList());
        }
    }

    private static Received received(AgencyRelay.Received<Asked> r) {
        return new Received(r.id(), r.entry().stage(), r.status(), r.entry(), r.dueBy(), r.originDueBy(), r.receivedAt(), r.decidedAt(),
                r.decidedBy(), r.decisionNote());
    }
}
