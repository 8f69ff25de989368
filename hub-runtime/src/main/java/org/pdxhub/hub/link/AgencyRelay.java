package org.pdxhub.hub.link;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.pdxhub.hub.access.Agency;
import org.pdxhub.hub.access.Caller;
import org.pdxhub.hub.access.Role;
import org.pdxhub.hub.api.ProblemException;
import org.pdxhub.hub.calendar.WorkingDayCalendar;
import org.pdxhub.hub.node.HubConfig;
import org.pdxhub.hub.store.Sql;
import org.pdxhub.hub.store.TimeOrderedIds;

import java.io.IOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

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

    /**
     * What this node sent up, and the last answer: who holds it, its decision or refusal and why.
     *
     * @param agencyDueBy the agency's own date for it, counted from its receipt at the agency's node, once it is filed there
     */
    public record Sent(String origin, Subject subject, Instant sentAt, String status, String heldAt, String reason, Instant updatedAt,
                       LocalDate agencyDueBy) {
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

    @Inject
    WorkingDayCalendar calendar;

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
        return sql.list("select * from agency_review_sent where kind in (" + marks(kinds) + ") order by sent_at desc", rs -> sent(rs.getString("origin_id"), subject(rs), Sql.instant(rs, "sent_at")), kinds.toArray());
    }

    /** The relayed request {@code origin}, if it carries one of these kinds. */
    public Optional<Sent> sent(String origin, Collection<String> kinds) {
        return sql.one("select * from agency_review_sent where origin_id = ?", rs -> sent(origin, subject(rs), Sql.instant(rs, "sent_at")),
                origin).filter(s -> kinds.contains(s.subject().kind()));
    }

    private static Subject subject(ResultSet rs) throws SQLException {
        long change = rs.getLong("change_id");
        Long changeId = rs.wasNull() ? null : change;
        return new Subject(rs.getString("kind"), rs.getString("resource_code"), changeId, rs.getString("request_id"));
    }

    private Sent sent(String origin, Subject subject, Instant sentAt) {
        Optional<RelayedRequests.View> v = relayed.view(origin);
        Object reason = v.map(RelayedRequests.View::answer).map(a -> a.get("reason")).orElse(null);
        Object due = v.map(RelayedRequests.View::answer).map(a -> a.get("dueBy")).orElse(null);
        return new Sent(origin, subject, sentAt, v.map(RelayedRequests.View::status).orElse(null), v.map(RelayedRequests.View::heldAt).orElse(null),
                reason == null ? null : reason.toString(), v.map(RelayedRequests.View::updatedAt).orElse(null),
                due == null ? null : LocalDate.parse(due.toString()));
    }

    /** The agency's reviewer at the node that answered, as the caller a decision is applied here in the name of. */
    public Caller reviewerOf(RelayAnswered answered) {
        return new Caller("agency-node:" + answered.answer().get("heldAt"), agency.uscc(), String.valueOf(answered.answer().get("reviewer")),
                Set.of(Role.REVIEWER));
    }

    // ---- at the agency's node

    /**
     * What an entry sent up says of itself, so that the agency's node files every kind alike: the
     * agency it is for, the organisation that must have sent it, and the department's due date.
     */
    public interface Entry {

        /** The data agency (USCC) the entry is for. */
        String agency();

        /** The organisation that must have sent it: the provider, the requester, or the node relaying a person's request. */
        String sender();

        String resource();

        String provider();

        /** The due date counted at the department node from its receipt there; null where it counts none. */
        LocalDate originDueBy();

        /** Refuses, with a {@code ProblemException} naming the field, an entry that lacks what the agency needs to decide it. */
        default void check() {
        }
    }

    /**
     * How a feature's entries are filed here: their type, what they are called in a refusal, the
     * prefix of their ids, the kind they are filed as, and the working days the agency has to
     * decide one, counted from its receipt here (null: the measures set none).
     */
    public record Desk<T extends Entry>(Class<T> type, String what, Function<T, String> idPrefix, Function<T, String> kind,
                                        Function<T, Integer> workingDays) {
    }

    /**
     * An entry filed here for the agency's reviewer, and its decision once made.
     *
     * @param dueBy       the agency's own date, counted from its receipt here
     * @param originDueBy the department's date, counted from its receipt below
     */
    public record Received<T>(String id, String kind, String resource, String provider, String status, T entry, Instant receivedAt,
                              LocalDate dueBy, LocalDate originDueBy, Instant decidedAt, String decidedBy, String decisionNote) {
    }

    /**
     * Reads, checks and files an entry sent up by {@code as}: it must be for this node's agency
     * (else it goes on up) and come from the organisation it names as its sender. It waits for
     * the agency's reviewer by the date counted from today; the answer tells the origin so.
     */
    public <T extends Entry> RelayDesk.Filed file(byte[] body, Caller as, Desk<T> desk) {
        T entry = read(body, desk.type(), desk.what());
        requireAgencyHere(entry.agency(), desk.what());
        entry.check();
        if (!as.organisation().equals(entry.sender())) {
            throw ProblemException.forbidden("request.not-requester", "organisation " + as.organisation() + " sent the " + desk.what()
                    + " of " + entry.sender() + ": only the organisation it is of, or the node relaying a person's request, sends it");
        }
        Integer days = desk.workingDays().apply(entry);
        LocalDate due = days == null ? null : calendar.addWorkingDays(calendar.today(), days);
        String id = TimeOrderedIds.next(desk.idPrefix().apply(entry));
        sql.update("insert into relayed_review (id, kind, resource_code, provider_uscc, entry, status, received_at, due_by, origin_due_by)"
                        + " values (?,?,?,?,?,?,?,?,?)", id, desk.kind().apply(entry), entry.resource() == null ? "-" : entry.resource(),
                entry.provider() == null ? "-" : entry.provider(), write(entry), WAITING, Instant.now(clock), due, entry.originDueBy());
        Map<String, Object> answer = answer(WAITING, null, "waiting for a REVIEWER of the data agency " + agency.uscc() + " at node "
                + hub.node().id() + (due == null ? "" : " by " + due), id, null);
        answer.put("dueBy", due == null ? null : due.toString());
        return new RelayDesk.Filed(id, answer);
    }

    /** What waits here of these kinds, soonest due first (those with no date last), then oldest first. */
    public <T> List<Received<T>> waiting(Collection<String> kinds, Class<T> type) {
        List<Object> params = new ArrayList<>(kinds);
        params.add(WAITING);
        return sql.list("select * from relayed_review where kind in (" + marks(kinds) + ") and status = ? order by received_at",
                        rs -> received(rs, type), params.toArray()).stream()
                .sorted(Comparator.comparing(Received<T>::dueBy, Comparator.nullsLast(Comparator.naturalOrder()))).toList();
    }

    /** The entry {@code id} of one of these kinds, filed here. */
    public <T> Optional<Received<T>> one(Collection<String> kinds, String id, Class<T> type) {
        return sql.one("select * from relayed_review where id = ?", rs -> received(rs, type), id).filter(r -> kinds.contains(r.kind()));
    }

    /** The entry {@code id}, locked for the decision in the caller's transaction; 404 naming {@code what} when there is none. */
    public <T> Received<T> lock(Collection<String> kinds, String id, Class<T> type, String what) {
        return sql.one("select * from relayed_review where id = ? for update", rs -> received(rs, type), id)
                .filter(r -> kinds.contains(r.kind())).orElseThrow(() -> ProblemException.notFound(what, id));
    }

    /**
     * Records the reviewer's decision on {@code id} and sends it back down: {@code status} and
     * {@code note} here, the answer (with the feature's {@code extra} facts) to the origin.
     */
    public void decide(String id, String status, String decision, String note, String reason, Map<String, Object> extra, Caller by) {
        sql.update("update relayed_review set status = ?, decided_at = ?, decided_by = ?, decision_note = ? where id = ?",
                status, Instant.now(clock), by.keyId(), note, id);
        Map<String, Object> a = answer(status, decision, reason, id, by.holder());
        a.putAll(extra);
        relayed.answered(id, a);
    }

    /** What waits here past the agency's own date, oldest date first: for the features' reminders. */
    public <T> List<Received<T>> overdue(Collection<String> kinds, Class<T> type) {
        return waiting(kinds, type).stream().filter(r -> r.dueBy() != null && calendar.today().isAfter(r.dueBy())).toList();
    }

    private <T> Received<T> received(ResultSet rs, Class<T> type) throws SQLException {
        String id = rs.getString("id");
        return new Received<>(id, rs.getString("kind"), rs.getString("resource_code"), rs.getString("provider_uscc"), rs.getString("status"),
                entry(rs.getString("entry"), type, id), Sql.instant(rs, "received_at"), Sql.date(rs, "due_by"), Sql.date(rs, "origin_due_by"),
                Sql.instant(rs, "decided_at"), rs.getString("decided_by"), rs.getString("decision_note"));
    }

    private static String marks(Collection<String> values) {
        return String.join(",", values.stream().map(v -> "?").toList());
    }

    /** The answer the origin sees: status, the node, the decision and its reason, the id here and the reviewer who decided. */
    public Map<String, Object> answer(String status, String decision, String reason, String id, String reviewer) {
        Map<String, Object> a = new LinkedHashMap<>(relayed.answer(status, decision, reason));
        a.put("requestId", id);
        a.put("reviewer", reviewer);
        return a;
    }

    /** The relayed body as the feature's record; unreadable is a refusal the origin is told. */
    private <T> T read(byte[] body, Class<T> type, String what) {
        try {
            return json.readValue(body, type);
        } catch (IOException e) {
            throw ProblemException.badRequest("link.unreadable", "body", "the relayed " + what + " could not be read: " + e.getMessage());
        }
    }

    /** Refuses, as not for this node (it goes on up), what is meant for another agency than this node's organisation. */
    private void requireAgencyHere(String agencyNamed, String what) {
        if (agencyNamed == null || !agencyNamed.equals(hub.node().organisation())) {
            throw ProblemException.conflict(RelayDesk.NOT_HERE, "agency", "node " + hub.node().id() + " is not the data agency "
                    + agencyNamed + "'s node: it passes the " + what + " on up");
        }
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
