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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Disputes decided by the agency at its own node (art. 18, 26): when the data agency
 * (pdx.node.agency) is another node's organisation, a dispute filed here is sent up the links;
 * the agency's reviewer there approves the request or upholds the refusal, and the decision
 * comes back to settle the request here. Nobody at this node settles it, the department whose
 * refusal is disputed least of all.
 */
@ApplicationScoped
public class RelayedDisputes implements RelayDesk {

    private static final Logger LOG = Logger.getLogger(RelayedDisputes.class);
    static final String ASK = "DISPUTE_DECISION";
    static final String KIND = "DISPUTE";
    static final String WAITING = "WAITING";

    /** The dispute as sent up: the request, its refusal (or missed date) and why it is disputed. */
    public record Dispute(String agency, String requestId, RequestKind kind, String resource, String requester, String provider,
                          String purpose, List<String> fields, String refusal, String refusalBasis, String disputeReason,
                          LocalDate dueBy, String fromNode) {
    }

    /** A dispute filed here for the agency's reviewer, and its decision once made. */
    public record Received(String id, String status, Dispute dispute, Instant receivedAt, Instant decidedAt, String decidedBy,
                           String decision) {
    }

    /** A dispute this node sent up, and the last answer: who holds it, its decision or refusal and why. */
    public record Sent(String origin, String requestId, String resource, Instant sentAt, String status, String heldAt, String reason) {
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

    /** Sends a dispute just filed here to the agency's node, when the agency is there. */
    void sendIfAgencyElsewhere(DataRequest r, Caller by) {
        if (!relayed.agencyElsewhere()) {
            return;
        }
        Dispute d = new Dispute(agency.uscc(), r.id(), r.kind(), r.resourceCode(), r.requesterUscc(), r.providerUscc(), r.purpose(),
                r.fields() == null ? List.of() : List.copyOf(r.fields()), r.decisionReason(), r.decisionBasis(), r.disputeReason(),
                r.dueBy(), hub.node().id());
        RelayedRequests.View v = relayed.forward(ASK, r.resourceCode() == null ? "-" : r.resourceCode(), by.holder(), d, by);
        sql.update("insert into agency_review_sent (origin_id, kind, resource_code, request_id, sent_at) values (?,?,?,?,?)",
                v.id(), KIND, r.resourceCode() == null ? "-" : r.resourceCode(), r.id(), Instant.now(clock));
        LOG.infof("The dispute of request %s sent to the data agency %s (relayed request %s)", r.id(), agency.uscc(), v.id());
    }

    /** The disputes this node sent up, newest first, with the last answer. */
    public List<Sent> sent() {
        return sql.list("select origin_id, request_id, resource_code, sent_at from agency_review_sent where kind = ? order by sent_at desc",
                rs -> {
                    Optional<RelayedRequests.View> v = relayed.view(rs.getString(1));
                    Object reason = v.map(RelayedRequests.View::answer).map(a -> a.get("reason")).orElse(null);
                    return new Sent(rs.getString(1), rs.getString(2), rs.getString(3), Sql.instant(rs, "sent_at"),
                            v.map(RelayedRequests.View::status).orElse(null), v.map(RelayedRequests.View::heldAt).orElse(null),
                            reason == null ? null : reason.toString());
                }, KIND);
    }

    /** Whether {@code by} is of the requesting or the providing organisation of request {@code requestId}. */
    boolean partyTo(String requestId, Caller by) {
        return requests.byId(requestId).map(r -> by.organisation().equals(r.requesterUscc()) || by.organisation().equals(r.providerUscc()))
                .orElse(false);
    }

    /** The agency's node decided: the request is settled here as the agency decided; anything else is kept and logged. */
    void onAnswer(@Observes RelayAnswered answered) {
        Optional<String> requestId = sql.one("select request_id from agency_review_sent where origin_id = ? and kind = ?",
                rs -> rs.getString(1), answered.origin(), KIND);
        if (requestId.isEmpty()) {
            return;
        }
        Map<String, Object> a = answered.answer();
        String decision = a.get("decision") == null ? null : a.get("decision").toString();
        if (!"APPROVE".equals(decision) && !"REJECT".equals(decision)) {
            if (!WAITING.equals(answered.status())) {
                LOG.warnf("The dispute of request %s was not filed by the data agency (%s): %s", requestId.get(), answered.status(),
                        a.get("reason"));
            }
            return;
        }
        Caller agencyNode = new Caller("agency-node:" + a.get("heldAt"), agency.uscc(), String.valueOf(a.get("reviewer")),
                Set.of(Role.REVIEWER));
        try {
            requests.settleForAgencyNode(requestId.get(), new Requests.Answer(DataRequest.Decision.valueOf(decision), text(a.get("reason")),
                    text(a.get("basis"))), agencyNode);
            LOG.infof("The data agency's decision on the dispute of request %s applied here: %s", requestId.get(), decision);
        } catch (ProblemException refused) {
            LOG.errorf("The data agency's decision on the dispute of request %s could not be applied here: %s", requestId.get(),
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
        Dispute d;
        try {
            d = json.readValue(body, Dispute.class);
        } catch (IOException e) {
            throw ProblemException.badRequest("link.unreadable", "body", "the relayed dispute could not be read: " + e.getMessage());
        }
        if (d.agency() == null || !d.agency().equals(hub.node().organisation())) {
            throw ProblemException.conflict(NOT_HERE, "agency", "node " + hub.node().id() + " is not the data agency " + d.agency()
                    + "'s node: it passes the dispute on up");
        }
        if (!as.organisation().equals(d.requester())) {
            throw ProblemException.forbidden("request.not-requester", "organisation " + as.organisation() + " sent the dispute of a"
                    + " request of " + d.requester() + ": only the requesting organisation disputes");
        }
        String id = "CD-" + UUID.randomUUID();
        sql.update("insert into relayed_review (id, kind, resource_code, provider_uscc, entry, status, received_at) values (?,?,?,?,?,?,?)",
                id, KIND, d.resource() == null ? "-" : d.resource(), d.provider() == null ? "-" : d.provider(), write(d), WAITING,
                Instant.now(clock));
        return new Filed(id, answer(WAITING, null, "waiting for a REVIEWER of the data agency " + agency.uscc() + " at node "
                + hub.node().id(), null, id, null));
    }

    /** Disputes sent up from department nodes, waiting for the agency's reviewer, oldest first. */
    public List<Received> waiting(Caller by) {
        agency.requireOverseer(by, "the disputes sent up for decision");
        return sql.list("select * from relayed_review where kind = ? and status = ? order by received_at", this::received, KIND, WAITING);
    }

    /**
     * The agency's reviewer decides a dispute sent up: APPROVE grants the request at the node that
     * holds it; REJECT upholds the refusal, with reason and basis, as a dispute decided here.
     */
    @Transactional
    public Received decide(String id, Requests.Answer a, Caller by) {
        agency.requireReviewer(by, "deciding relayed dispute " + id);
        Received r = sql.one("select * from relayed_review where kind = ? and id = ? for update", this::received, KIND, id)
                .orElseThrow(() -> ProblemException.notFound("relayed dispute", id));
        if (a == null || a.decision() == null) {
            throw ProblemException.badRequest("missing-field", "decision", "decision is required: APPROVE or REJECT");
        }
        String reason = a.reason() == null || a.reason().isBlank() ? null : a.reason().strip();
        String basis = a.basis() == null || a.basis().isBlank() ? null : a.basis().strip();
        if (a.decision() == DataRequest.Decision.REJECT && (reason == null || basis == null)) {
            throw ProblemException.badRequest("missing-field", reason == null ? "reason" : "basis", "upholding a refusal says why"
                    + " and on which law, rule or catalog condition (art. 18, 26): give reason and basis");
        }
        if (!WAITING.equals(r.status())) {
            throw ProblemException.conflict("request.closed", "id", "relayed dispute " + id + " is " + r.status() + " already");
        }
        String status = a.decision() == DataRequest.Decision.APPROVE ? "APPROVED" : "REFUSAL_UPHELD";
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
        Dispute d;
        try {
            d = json.readValue(rs.getString("entry"), Dispute.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("relayed dispute " + rs.getString("id") + " holds an unreadable entry", e);
        }
        return new Received(rs.getString("id"), rs.getString("status"), d, Sql.instant(rs, "received_at"), Sql.instant(rs, "decided_at"),
                rs.getString("decided_by"), rs.getString("decision_note"));
    }

    private String write(Object o) {
        try {
            return json.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
