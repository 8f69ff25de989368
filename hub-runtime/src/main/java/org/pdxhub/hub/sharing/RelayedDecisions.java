package org.pdxhub.hub.sharing;

import com.fasterxml.jackson.core.JsonProcessingException;
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
import org.pdxhub.hub.link.RelayAnswered;
import org.pdxhub.hub.link.RelayDesk;
import org.pdxhub.hub.link.RelayedRequests;
import org.pdxhub.hub.node.HubConfig;
import org.pdxhub.hub.store.Sql;

import java.io.IOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

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
    static final String WAITING = "WAITING";

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
    RelayedRequests relayed;

    @Inject
    Requests requests;

    @Inject
    ObjectMapper json;

    @Inject
    Clock clock;

    // ---- at the department node

    /** Whether the agency decides at another node, so that a request waiting for its reviewer is sent there. */
    boolean agencyElsewhere() {
        return relayed.agencyElsewhere();
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
        RelayedRequests.View v = relayed.forward(ASK, resource, organisation ? by.holder() : sender.holder(), a, sender);
        sql.update("insert into agency_review_sent (origin_id, kind, resource_code, request_id, sent_at) values (?,?,?,?,?)",
                v.id(), stage.name(), resource, r.id(), Instant.now(clock));
        LOG.infof("The %s of request %s sent to the data agency %s (relayed request %s)", stage.name().toLowerCase(Locale.ROOT), r.id(),
                agency.uscc(), v.id());
    }

    /** What this node sent up for the agency to decide, newest first, with the last answer. */
    public List<Sent> sent() {
        return sql.list("select origin_id, kind, request_id, resource_code, sent_at from agency_review_sent where kind in (?,?,?)"
                        + " order by sent_at desc",
                rs -> {
                    Optional<RelayedRequests.View> v = relayed.view(rs.getString(1));
                    Object reason = v.map(RelayedRequests.View::answer).map(a -> a.get("reason")).orElse(null);
                    return new Sent(rs.getString(1), Stage.valueOf(rs.getString(2)), rs.getString(3), rs.getString(4),
                            Sql.instant(rs, "sent_at"), v.map(RelayedRequests.View::status).orElse(null),
                            v.map(RelayedRequests.View::heldAt).orElse(null), reason == null ? null : reason.toString());
                }, stages());
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
        Optional<Pending> pending = sql.one("select request_id, kind from agency_review_sent where origin_id = ? and kind in (?,?,?)",
                rs -> new Pending(rs.getString(1), Stage.valueOf(rs.getString(2))), answered.origin(), stages()[0], stages()[1], stages()[2]);
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

    private static Object[] stages() {
        return Arrays.stream(Stage.values()).map(Stage::name).toArray();
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
        Asked d;
        try {
            d = json.readValue(body, Asked.class);
        } catch (IOException e) {
            throw ProblemException.badRequest("link.unreadable", "body", "the relayed request could not be read: " + e.getMessage());
        }
        if (d.agency() == null || !d.agency().equals(hub.node().organisation())) {
            throw ProblemException.conflict(NOT_HERE, "agency", "node " + hub.node().id() + " is not the data agency " + d.agency()
                    + "'s node: it passes the request on up");
        }
        if (d.requestId() == null) {
            throw ProblemException.badRequest("missing-field", "requestId", "a relayed request for the agency names the request's id"
                    + " at the node that holds it");
        }
        if (!as.organisation().equals(d.sender())) {
            throw ProblemException.forbidden("request.not-requester", "organisation " + as.organisation() + " sent the "
                    + d.stage().name().toLowerCase(Locale.ROOT) + " of a request of " + d.sender()
                    + ": only the requesting organisation, or the node relaying a person's request, sends it");
        }
        String id = (d.stage() == Stage.DISPUTE ? "CD-" : "CA-") + UUID.randomUUID();
        sql.update("insert into relayed_review (id, kind, resource_code, provider_uscc, entry, status, received_at) values (?,?,?,?,?,?,?)",
                id, d.stage().name(), d.resource() == null ? "-" : d.resource(), d.provider() == null ? "-" : d.provider(), write(d),
                WAITING, Instant.now(clock));
        return new Filed(id, answer(WAITING, null, "waiting for a REVIEWER of the data agency " + agency.uscc() + " at node "
                + hub.node().id(), null, id, null));
    }

    /** What department nodes sent up for the agency's reviewer, soonest due first. */
    public List<Received> waiting(Caller by) {
        agency.requireOverseer(by, "the requests and disputes sent up for decision");
        return sql.list("select * from relayed_review where kind in (?,?,?) and status = ? order by received_at", this::received,
                        stages()[0], stages()[1], stages()[2], WAITING).stream()
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
                        stages()[0], stages()[1], stages()[2], id)
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
        relayed.answered(id, answer(status, a.decision().name(), reason, basis, id, by.holder()));
        return sql.one("select * from relayed_review where id = ?", this::received, id).orElseThrow();
    }

    private Map<String, Object> answer(String status, String decision, String reason, String basis, String id, String reviewer) {
        Map<String, Object> a = new LinkedHashMap<>(relayed.answer(status, decision, reason));
        a.put("basis", basis);
        a.put("requestId", id);
        a.put("reviewer", reviewer);
        return a;
    }

    private Received received(ResultSet rs) throws SQLException {
        Asked d;
        try {
            d = json.readValue(rs.getString("entry"), Asked.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("relayed request " + rs.getString("id") + " holds an unreadable entry", e);
        }
        return new Received(rs.getString("id"), Stage.valueOf(rs.getString("kind")), rs.getString("status"), d, d.dueBy(),
                Sql.instant(rs, "received_at"), Sql.instant(rs, "decided_at"), rs.getString("decided_by"), rs.getString("decision_note"));
    }

    private String write(Object o) {
        try {
            return json.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
