package org.pdxhub.hub.link;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.pdxhub.hub.access.Agency;
import org.pdxhub.hub.access.Caller;
import org.pdxhub.hub.api.ProblemException;
import org.pdxhub.hub.node.HubConfig;
import org.pdxhub.hub.store.Sql;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The records of the data agency's decisions made at another node (art. 8, 18, 21, 26): the
 * department node sends what waits for the agency up the links and keeps which relayed request
 * carries it ({@code agency_review_sent}); the agency's node files it for its reviewer
 * ({@code relayed_review}) and sends the decision back the same way. The features (the catalog's
 * reviews, the requests' decisions) say what is sent and how a decision is applied; this keeps
 * the records and the shape of the answers, once for all of them.
 */
@ApplicationScoped
public class AgencyRelay {

    /** The status of what waits at the agency's node for its reviewer. */
    public static final String WAITING = "WAITING";

    /** What one relayed request carries: the feature's kind, the resource, and the catalog change or request it is about. */
    public record Subject(String kind, String resource, Long changeId, String requestId) {
    }

    /** What this node sent up, and the last answer: who holds it, its decision or refusal and why. */
    public record Sent(String origin, Subject subject, Instant sentAt, String status, String heldAt, String reason, Instant updatedAt) {
    }

    @Inject
    RelayedRequests relayed;

    @Inject
    Sql sql;

    @Inject
    HubConfig hub;

    @Inject
    Agency agency;

    @Inject
    ObjectMapper json;

    @Inject
    Clock clock;

    /** The agency is another node's organisation, reached over the parent link: it decides there. */
    public boolean agencyElsewhere() {
        return relayed.agencyElsewhere();
    }

    // ---- at the department node

    /**
     * Sends {@code body} up to be filed at the agency's node by the desk {@code ask}, in the name of
     * {@code by} (and the person named), and records what it carries; answers the relayed request's id.
     */
    public String send(String ask, Subject subject, Object body, String person, Caller by) {
        RelayedRequests.View v = relayed.forward(ask, subject.resource(), person, body, by);
        sql.update("insert into agency_review_sent (origin_id, kind, resource_code, change_id, request_id, sent_at) values (?,?,?,?,?,?)",
                v.id(), subject.kind(), subject.resource(), subject.changeId(), subject.requestId(), Instant.now(clock));
        return v.id();
    }

    /** What this node sent up of these kinds, newest first. */
    public List<Sent> sent(Collection<String> kinds) {
        return sql.list("select * from agency_review_sent where kind in (" + String.join(",", kinds.stream().map(k -> "?").toList())
                + ") order by sent_at desc", rs -> sent(rs.getString("origin_id"), subject(rs), Sql.instant(rs, "sent_at")), kinds.toArray());
    }

    /** The relayed request {@code origin}, if it carries one of these kinds. */
    public Optional<Sent> sent(String origin, Collection<String> kinds) {
        return sql.one("select * from agency_review_sent where origin_id = ?", rs -> sent(origin, subject(rs), Sql.instant(rs, "sent_at")),
                origin).filter(s -> kinds.contains(s.subject().kind()));
    }

    private static Subject subject(java.sql.ResultSet rs) throws java.sql.SQLException {
        long change = rs.getLong("change_id");
        Long changeId = rs.wasNull() ? null : change;
        return new Subject(rs.getString("kind"), rs.getString("resource_code"), changeId, rs.getString("request_id"));
    }

    private Sent sent(String origin, Subject subject, Instant sentAt) {
        Optional<RelayedRequests.View> v = relayed.view(origin);
        Object reason = v.map(RelayedRequests.View::answer).map(a -> a.get("reason")).orElse(null);
        return new Sent(origin, subject, sentAt, v.map(RelayedRequests.View::status).orElse(null), v.map(RelayedRequests.View::heldAt).orElse(null),
                reason == null ? null : reason.toString(), v.map(RelayedRequests.View::updatedAt).orElse(null));
    }

    // ---- at the agency's node

    /** The relayed body as the feature's record; unreadable is a refusal the origin is told. */
    public <T> T read(byte[] body, Class<T> type, String what) {
        try {
            return json.readValue(body, type);
        } catch (IOException e) {
            throw ProblemException.badRequest("link.unreadable", "body", "the relayed " + what + " could not be read: " + e.getMessage());
        }
    }

    /** Refuses, as not for this node (it goes on up), what is meant for another agency than this node's organisation. */
    public void requireAgencyHere(String agencyNamed, String what) {
        if (agencyNamed == null || !agencyNamed.equals(hub.node().organisation())) {
            throw ProblemException.conflict(RelayDesk.NOT_HERE, "agency", "node " + hub.node().id() + " is not the data agency "
                    + agencyNamed + "'s node: it passes the " + what + " on up");
        }
    }

    /** Files {@code entry} for the agency's reviewer, WAITING; the answer tells the origin who it waits for. */
    public RelayDesk.Filed file(String idPrefix, String kind, String resource, String provider, Object entry) {
        String id = idPrefix + UUID.randomUUID();
        sql.update("insert into relayed_review (id, kind, resource_code, provider_uscc, entry, status, received_at) values (?,?,?,?,?,?,?)",
                id, kind, resource == null ? "-" : resource, provider == null ? "-" : provider, write(entry), WAITING, Instant.now(clock));
        return new RelayDesk.Filed(id, answer(WAITING, null, "waiting for a REVIEWER of the data agency " + agency.uscc() + " at node "
                + hub.node().id(), id, null));
    }

    /** The answer the origin sees: status, the node, the decision and its reason, the id here and the reviewer who decided. */
    public Map<String, Object> answer(String status, String decision, String reason, String id, String reviewer) {
        Map<String, Object> a = new LinkedHashMap<>(relayed.answer(status, decision, reason));
        a.put("requestId", id);
        a.put("reviewer", reviewer);
        return a;
    }

    /** Sends the decision on {@code id}, filed here, back down to its origin. */
    public void decided(String id, Map<String, Object> answer) {
        relayed.answered(id, answer);
    }

    public String write(Object o) {
        try {
            return json.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A stored entry as the feature's record. */
    public <T> T entry(String text, Class<T> type, String id) {
        try {
            return json.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("relayed entry " + id + " is unreadable", e);
        }
    }
}
