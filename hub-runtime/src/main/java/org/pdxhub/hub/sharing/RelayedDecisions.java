package org.pdxhub.hub.sharing;

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
import org.pdxhub.hub.node.HubConfig;
import org.pdxhub.hub.store.Sql;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Comparator;
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
        DISPUTE;

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
    }

    /**
     * What is sent up: the request, its refusal (for a dispute) and its due date, counted from
     * its receipt at the department node. A request of nobody's organisation (a natural person,
     * the public) is relayed in the name of the department node's organisation, {@code relayedBy}.
     */
    public record Asked(String agency, Stage stage, String requestId, RequestKind kind, String resource, String requester,
                        String provider, String purpose, String description, List<String> fields, String refusal,
                        String refusalBasis, String disputeReason, LocalDate receivedOn, LocalDate dueBy, String relayedBy,
                        String fromNode) {

        public Asked {
            // A node of the version before formal reviews and demands were relayed sends disputes only, without a stage.
            stage = stage == null ? Stage.DISPUTE : stage;
        }

        /** Who must have sent it: the requesting organisation, or for a person's request the node that relays it. */
        String sender() {
            return requester != null ? requester : relayedBy;
        }
    }

    /** What waits here for the agency's reviewer, and its decision once made. */
    public record Received(String id, Stage stage, String status, Asked asked, LocalDate dueBy, Instant receivedAt, Instant decidedAt,
                           String decidedBy, String decision) {
    }

    /** What this node sent up, and the last answer: who holds it, its decision or refusal and why. */
    public record Sent(String origin, Stage stage, String requestId, String resource, Instant sentAt, String status, String heldAt,
                       String reason) {
    }

    @Inject
    Sql sql;

    @Inject
    Agency agency;

    @Inject
    HubConfig hub;

    @Inject
    AgencyRelay relay;

    @Inject
    Clock clock;

    @Inject
    Requests requests;

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
        Asked a = new Asked(agency.uscc(), stage, r.id(), r.kind(), r.resourceCode(), r.requesterUscc(), r.providerUscc(), r.purpose(),
                r.description(), r.fields() == null ? List.of() : List.copyOf(r.fields()), r.decisionReason(), r.decisionBasis(),
                r.disputeReason(), r.submittedOn(), r.dueBy(), hub.node().organisation(), hub.node().id());
        // A person holds no key here: the node's organisation relays, naming the request rather than the person.
        Caller sender = organisation ? by : new Caller("node:" + hub.node().id(), hub.node().organisation(), "request " + r.id(), Set.of());
        String resource = r.resourceCode() == null ? "-" : r.resourceCode();
        String origin = relay.send(ASK, new AgencyRelay.Subject(stage.name(), resource, null, r.id()), a, sender.holder(), sender);
        LOG.infof("The %s of request %s sent to the data agency %s (relayed request %s)", stage.name().toLowerCase(Locale.ROOT), r.id(),
                agency.uscc(), origin);
    }

    /** What this node sent up for the agency to decide, newest first, with the last answer. */
    public List<Sent> sent() {
        return relay.sent(STAGES).stream().map(s -> new Sent(s.origin(), Stage.valueOf(s.subject().kind()), s.subject().requestId(),
                s.subject().resource(), s.sentAt(), s.status(), s.heldAt(), s.reason())).toList();
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
        Map<String, Object> a = answered.answer();
        String decision = a.get("decision") == null ? null : a.get("decision").toString();
        if (!"APPROVE".equals(decision) && !"REJECT".equals(decision)) {
            if (!WAITING.equals(answered.status())) {
                LOG.warnf("The %s of request %s was not filed by the data agency (%s): %s", pending.get().stage(), requestId,
                        answered.status(), a.get("reason"));
            }
            return;
        }
        Caller agencyNode = new Caller("agency-node:" + a.get("heldAt"), agency.uscc(), String.valueOf(a.get("reviewer")),
                Set.of(Role.REVIEWER));
        try {
            requests.settleForAgencyNode(requestId, pending.get().stage().waitsAs(), new Requests.Answer(
                    DataRequest.Decision.valueOf(decision), text(a.get("reason")), text(a.get("basis"))), agencyNode);
            LOG.infof("The data agency's decision on the %s of request %s applied here: %s", pending.get().stage(), requestId, decision);
        } catch (ProblemException refused) {
            LOG.errorf("The data agency's decision on the %s of request %s could not be applied here: %s", pending.get().stage(),
                    requestId, refused.getMessage());
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
        Asked d = relay.read(body, Asked.class, "request");
        relay.requireAgencyHere(d.agency(), d.stage().name().toLowerCase(Locale.ROOT));
        if (d.requestId() == null) {
            throw ProblemException.badRequest("missing-field", "requestId", "a relayed request for the agency names the request's id"
                    + " at the node that holds it");
        }
        if (!as.organisation().equals(d.sender())) {
            throw ProblemException.forbidden("request.not-requester", "organisation " + as.organisation() + " sent the "
                    + d.stage().name().toLowerCase(Locale.ROOT) + " of a request of " + d.sender()
                    + ": only the requesting organisation, or the node relaying a person's request, sends it");
        }
        return relay.file(d.stage() == Stage.DISPUTE ? "CD-" : "CA-", d.stage().name(), d.resource(), d.provider(), d);
    }

    /** What department nodes sent up for the agency's reviewer, soonest due first. */
    public List<Received> waiting(Caller by) {
        agency.requireOverseer(by, "the requests and disputes sent up for decision");
        return sql.list("select * from relayed_review where kind in (?,?,?) and status = ? order by received_at", this::received,
                        STAGES.get(0), STAGES.get(1), STAGES.get(2), WAITING).stream()
                .sorted(Comparator.comparing(Received::dueBy, Comparator.nullsLast(Comparator.naturalOrder()))).toList();
    }

    /**
     * The agency's reviewer decides what was sent up: APPROVE approves the request (a grant where
     * one is asked for) at the node that holds it; REJECT refuses it, or upholds the disputed
     * refusal, with reason and basis.
     */
    @Transactional
    public Received decide(String id, Requests.Answer a, Caller by) {
        agency.requireReviewer(by, "deciding relayed request " + id);
        Received r = sql.one("select * from relayed_review where kind in (?,?,?) and id = ? for update", this::received,
                        STAGES.get(0), STAGES.get(1), STAGES.get(2), id)
                .orElseThrow(() -> ProblemException.notFound("relayed request", id));
        if (a == null || a.decision() == null) {
            throw ProblemException.badRequest("missing-field", "decision", "decision is required: APPROVE or REJECT");
        }
        String reason = a.reason() == null || a.reason().isBlank() ? null : a.reason().strip();
        String basis = a.basis() == null || a.basis().isBlank() ? null : a.basis().strip();
        if (a.decision() == DataRequest.Decision.REJECT && (reason == null || basis == null)) {
            throw ProblemException.badRequest("missing-field", reason == null ? "reason" : "basis", "a refusal says why"
                    + " and on which law, rule or catalog condition (art. 18, 26): give reason and basis");
        }
        if (!WAITING.equals(r.status())) {
            throw ProblemException.conflict("request.closed", "id", "relayed request " + id + " is " + r.status() + " already");
        }
        boolean approve = a.decision() == DataRequest.Decision.APPROVE;
        String status = approve ? "APPROVED" : r.stage() == Stage.DISPUTE ? "REFUSAL_UPHELD" : "REJECTED";
        sql.update("update relayed_review set status = ?, decided_at = ?, decided_by = ?, decision_note = ? where id = ?",
                status, Instant.now(clock), by.keyId(), reason == null ? a.decision().name() : a.decision() + ": " + reason, id);
        Map<String, Object> answer = relay.answer(status, a.decision().name(), reason, id, by.holder());
        answer.put("basis", basis);
        relay.decided(id, answer);
        return sql.one("select * from relayed_review where id = ?", this::received, id).orElseThrow();
    }

    private Received received(ResultSet rs) throws SQLException {
        Asked d = relay.entry(rs.getString("entry"), Asked.class, rs.getString("id"));
        return new Received(rs.getString("id"), Stage.valueOf(rs.getString("kind")), rs.getString("status"), d, d.dueBy(),
                Sql.instant(rs, "received_at"), Sql.instant(rs, "decided_at"), rs.getString("decided_by"), rs.getString("decision_note"));
    }
}
