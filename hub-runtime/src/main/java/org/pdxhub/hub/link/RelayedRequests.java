package org.pdxhub.hub.link;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.apache.camel.Exchange;
import org.jboss.logging.Logger;
import org.pdxhub.hub.access.Agency;
import org.pdxhub.hub.access.Caller;
import org.pdxhub.hub.access.Role;
import org.pdxhub.hub.api.ProblemException;
import org.pdxhub.hub.envelope.Headers;
import org.pdxhub.hub.messaging.Addresses;
import org.pdxhub.hub.messaging.SendingSessions;
import org.pdxhub.hub.node.HubConfig;
import org.pdxhub.hub.store.Sql;
import org.pdxhub.hub.store.TimeOrderedIds;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Cross-level share requests (issue 7): a request for a resource this node does not hold goes up
 * the parent link, node by node, to the one that publishes it; that node files it as an ordinary
 * share request of the requesting organisation, and every answer (filed, approved with its grant,
 * refused with reason and basis, or held nowhere) travels back down the same links to the
 * origin, where {@code GET /api/v1/share-requests/{id}} shows it. Requests and answers ride the
 * link queues, so they are stored and forwarded like records.
 */
@ApplicationScoped
public class RelayedRequests {

    private static final Logger LOG = Logger.getLogger(RelayedRequests.class);
    public static final String KIND = "PdxKind";
    static final String REQUEST = "REQUEST";
    static final String ANSWER = "ANSWER";
    static final String DISPUTE = "DISPUTE";
    public static final String PREFIX = "XR-";
    /** What a relayed request asks for: absent = a share request ({@value #SHARE}), {@value #RETURN} = its data back (art. 20). */
    static final String ASK = "PdxAsk";
    public static final String SHARE = "SHARE";
    public static final String RETURN = "RETURN";
    /** The status of a request a link refused to carry (the other node answered 4xx): the reason is in its answer. */
    public static final String LINK_REFUSED = "LINK_REFUSED";

    /** What the origin shows for a request it sent up. */
    public record View(String id, String resource, String requester, String status, String heldAt, String requestId,
                       Map<String, Object> answer, Instant updatedAt) {
    }

    @Inject
    Links links;

    @Inject
    Sql sql;

    @Inject
    Instance<RelayDesk> desks;

    @Inject
    SendingSessions sends;

    @Inject
    Event<Outgoing> outgoing;

    @Inject
    ObjectMapper json;

    @Inject
    HubConfig hub;

    @Inject
    Agency agency;

    @Inject
    Clock clock;

    @Inject
    MeterRegistry metrics;

    @Inject
    Event<RelayAnswered> answeredHere;

    /**
     * The data agency (pdx.node.agency) is another node's organisation, reached over the parent
     * link: its decisions (catalog reviews, formal reviews, routed demands, disputes) are sent up to be made there.
     */
    public boolean agencyElsewhere() {
        return !agency.uscc().equals(hub.node().organisation()) && canForward();
    }

    /** Whether a request for a resource not held here can go anywhere. */
    public boolean canForward() {
        return links.parent().isPresent();
    }

    /**
     * Sends a request up for a resource this node does not publish; answers with its id here. A
     * share request ({@value #SHARE}) is filed as one where the resource is published; a return
     * request (返还, art. 20, {@value #RETURN}) too, and the return travels down the links.
     */
    @Transactional
    public View forward(String ask, String resource, String person, Object request, Caller by) {
        Map<String, Object> extra = SHARE.equals(ask) ? Map.of() : Map.of(ASK, ask);
        byte[] body = write(request);
        String id = TimeOrderedIds.next(PREFIX);
        Instant now = Instant.now(clock);
        sql.update("insert into relayed_request (origin_id, resource_code, requester_org, status, updated_at) values (?,?,?,?,?)",
                id, resource, by.organisation(), "FORWARDED", now);
        Map<String, Object> h = new HashMap<>(extra);
        h.put(Headers.REQUESTER, by.organisation());
        h.put(Headers.PERSON, person == null || person.isBlank() ? by.holder() : person);
        up(id, resource, REQUEST, h, body);
        return view(id).orElseThrow();
    }

    /**
     * The requesting organisation disputes the refusal (or the silence past its date) of a request
     * it sent up (art. 18): the dispute follows the request up the links to the node that holds the
     * data, whose agency decides it; the answers come back like the request's.
     */
    @Transactional
    public View dispute(String id, String reason, Caller by) {
        View v = view(id, by).orElseThrow(() -> ProblemException.notFound("share request", id));
        if (!v.requester().equals(by.organisation())) {
            throw ProblemException.forbidden("request.not-requester", "only the requesting organisation " + v.requester()
                    + " disputes its refusal");
        }
        if (reason == null || reason.isBlank()) {
            throw ProblemException.badRequest("missing-field", "reason", "reason is required: say why the refusal is disputed");
        }
        if (!"REJECTED".equals(v.status()) && !"SUBMITTED".equals(v.status())) {
            throw ProblemException.conflict("request.no-refusal", "id", "request " + id + " is " + v.status() + " at " + v.heldAt()
                    + ": only a refused request, or one unanswered past its date, can be disputed, once");
        }
        sql.update("update relayed_request set status = ?, updated_at = ? where origin_id = ?", "DISPUTE_FORWARDED", Instant.now(clock), id);
        Map<String, Object> h = new HashMap<>();
        h.put(Headers.REQUESTER, by.organisation());
        h.put(Headers.PERSON, by.holder());
        up(id, v.resource(), DISPUTE, h, write(Map.of("reason", reason.strip())));
        return view(id).orElseThrow();
    }

    public Optional<View> view(String id, Caller by) {
        return view(id).filter(v -> v.requester().equals(by.organisation()) || agency.is(by, Role.REVIEWER) || agency.is(by, Role.ADMIN));
    }

    /**
     * A request or an answer that came over a link (after the link's sender was checked). Not one
     * transaction: {@code submitShare} runs in its own, so that a refusal there (a ProblemException)
     * rolls back only itself and is answered, instead of failing the link message for ever.
     */
    public void receive(Exchange exchange, LinkTarget from) {
        var m = exchange.getMessage();
        String kind = m.getHeader(KIND, String.class);
        String origin = m.getHeader(Headers.MESSAGE_ID, String.class);
        if (REQUEST.equals(kind)) {
            request(origin, m.getHeader(Headers.RESOURCE, String.class), m.getHeader(Headers.REQUESTER, String.class),
                    m.getHeader(Headers.PERSON, String.class), m.getHeader(ASK, String.class), m.getBody(byte[].class), from);
        } else if (DISPUTE.equals(kind)) {
            dispute(origin, m.getHeader(Headers.RESOURCE, String.class), m.getHeader(Headers.PERSON, String.class),
                    m.getBody(byte[].class), from);
        } else {
            answer(origin, read(m.getBody(byte[].class)), from);
        }
    }

    private void request(String origin, String resource, String requester, String person, String asks, byte[] body, LinkTarget from) {
        if (sql.count("select count(*) from relayed_request where origin_id = ?", origin) > 0) {
            return; // redelivered: already handled
        }
        Instant now = Instant.now(clock);
        sql.update("insert into relayed_request (origin_id, resource_code, requester_org, back_link, status, updated_at) values (?,?,?,?,?,?)",
                origin, resource, requester, from.id(), "FORWARDED", now);
        // A child asks only for the organisations below it, as it relays only their records.
        if (requester == null || from.direction() == LinkTarget.Direction.DOWN && !from.reaches(requester)) {
            reply(origin, answerOf("REFUSED", null, "child link " + from.id() + " relayed a request of organisation " + requester
                    + ", which is not below it (pdx.node.children[i].organisation, .organisations)"));
            return;
        }
        RelayDesk desk = desk(asks == null ? SHARE : asks).orElse(null);
        if (desk == null) {
            reply(origin, answerOf("REFUSED", null, "node " + hub.node().id() + " files no " + asks + " requests"));
            return;
        }
        // The requester is another node's organisation; it acts here through the link it came over.
        Caller as = new Caller("link:" + from.id(), requester, person, java.util.Set.of(Role.SPECIALIST));
        try {
            RelayDesk.Filed filed = desk.file(body, as);
            sql.update("update relayed_request set local_request_id = ?, held_at = ? where origin_id = ?",
                    filed.localId(), hub.node().id(), origin);
            reply(origin, filed.answer());
        } catch (ProblemException refused) {
            boolean notHere = "resource.not-published".equals(refused.rule()) || RelayDesk.NOT_HERE.equals(refused.rule());
            if (notHere && canForward()) {
                Map<String, Object> h = new HashMap<>();
                if (asks != null) {
                    h.put(ASK, asks);
                }
                h.put(Headers.REQUESTER, requester);
                // A return request names someone responsible as it goes up; a share request as it came.
                h.put(Headers.PERSON, person == null && asks != null ? requester : person);
                up(origin, resource, REQUEST, h, body);
                return;
            }
            reply(origin, answerOf(notHere ? "NOT_HELD" : "REFUSED", null,
                    refused.getMessage()));
        }
    }

    /**
     * A dispute that came over a link. It must come over the link its request came by (another
     * child cannot dispute a request it did not send); the node that holds the request files it
     * there as the requesting organisation's dispute, any other node passes it up.
     */
    private void dispute(String origin, String resource, String person, byte[] body, LinkTarget from) {
        record Passed(String backLink, String heldAt, String localId, String requester) {
        }
        Optional<Passed> p = sql.one("select back_link, held_at, local_request_id, requester_org from relayed_request where origin_id = ?",
                rs -> new Passed(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)), origin);
        if (p.isEmpty() || !from.id().equals(p.get().backLink())) {
            LOG.warnf("A dispute of request %s over link %s, which that request did not come by, was dropped", origin, from.id());
            return;
        }
        Passed passed = p.get();
        if (!hub.node().id().equals(passed.heldAt()) || passed.localId() == null) {
            if (canForward()) {
                Map<String, Object> h = new HashMap<>();
                h.put(Headers.REQUESTER, passed.requester());
                h.put(Headers.PERSON, person);
                up(origin, resource, DISPUTE, h, body);
            }
            return;
        }
        Caller as = new Caller("link:" + from.id(), passed.requester(), person, java.util.Set.of(Role.SPECIALIST));
        RelayDesk shares = desk(SHARE).orElseThrow();
        try {
            Object reason = read(body).get("reason");
            reply(origin, shares.dispute(passed.localId(), reason == null ? null : reason.toString(), as));
        } catch (ProblemException refused) {
            // The request stays as it was; the origin learns why the dispute was not taken.
            Map<String, Object> a = shares.answer(passed.localId()).<Map<String, Object>>map(LinkedHashMap::new)
                    .orElseGet(() -> answerOf("REFUSED", null, refused.getMessage()));
            a.put("disputeRefused", refused.getMessage());
            reply(origin, a);
        }
    }

    private void answer(String origin, Map<String, Object> answer, LinkTarget from) {
        List<String> back = sql.list("select back_link from relayed_request where origin_id = ?", rs -> rs.getString(1), origin);
        if (back.isEmpty()) {
            LOG.warnf("An answer to request %s, which did not pass this node, was dropped", origin);
            return;
        }
        // Requests go up the parent link only, so only the parent answers: a child that answers
        // would be deciding for the agency (or the holder) above it.
        if (!links.parent().map(p -> p.id().equals(from.id())).orElse(false) || from.direction() != LinkTarget.Direction.UP) {
            LOG.warnf("An answer to request %s over link %s, which the request did not go up by, was dropped", origin, from.id());
            metrics.counter("pdx.link.relayed.answers", "status", "DROPPED_WRONG_LINK").increment();
            return;
        }
        sql.update("update relayed_request set status = ?, held_at = ?, local_request_id = coalesce(local_request_id, ?), answer = ?,"
                        + " updated_at = ? where origin_id = ?",
                String.valueOf(answer.get("status")), (String) answer.get("heldAt"), (String) answer.get("requestId"), write(answer),
                Instant.now(clock), origin);
        String status = String.valueOf(answer.get("status"));
        metrics.counter("pdx.link.relayed.answers", "status", status).increment();
        LOG.infof("Relayed request %s answered by node %s: %s%s", origin, answer.get("heldAt"), status,
                answer.get("reason") == null ? "" : " (" + answer.get("reason") + ")");
        if (back.get(0) != null) {
            send(back.get(0), LinkTarget.Direction.DOWN, origin, Map.of(KIND, ANSWER), write(answer));
        } else {
            answeredHere.fire(new RelayAnswered(origin, answer));
        }
    }

    /**
     * A request filed here for another node's organisation was answered or decided: the answer
     * travels back down to the origin. Nothing happens for a request filed here by this node's own.
     */
    public void answered(String localId, Map<String, Object> answer) {
        sql.one("select origin_id from relayed_request where local_request_id = ?", rs -> rs.getString(1), localId)
                .ifPresent(origin -> reply(origin, answer));
    }

    /**
     * The link {@code linkId} refused to carry a relayed request or dispute going up (the node at
     * its other end answered 4xx): the request is answered {@value #LINK_REFUSED} with the reason,
     * here and at its origin below, instead of staying FORWARDED for ever. A refused answer going
     * down leaves the request as it is here; the refusal is logged and counted ({@link LinkRefusals}).
     */
    @Transactional
    public void refusedOnLink(String origin, String kind, String linkId, String reason) {
        if (ANSWER.equals(kind) || sql.count("select count(*) from relayed_request where origin_id = ?", origin) == 0) {
            return;
        }
        reply(origin, answerOf(LINK_REFUSED, null, "link " + linkId + " did not carry the " + kind.toLowerCase(Locale.ROOT)
                + ": " + reason));
    }

    /** Whether {@code localId} was filed here for another node's organisation. */
    public boolean relayed(String localId) {
        return sql.count("select count(*) from relayed_request where local_request_id = ?", localId) > 0;
    }

    private void reply(String origin, Map<String, Object> answer) {
        List<String> backs = sql.list("select back_link from relayed_request where origin_id = ?", rs -> rs.getString(1), origin);
        String back = backs.isEmpty() ? null : backs.get(0);
        sql.update("update relayed_request set status = ?, answer = ?, updated_at = ? where origin_id = ?",
                String.valueOf(answer.get("status")), write(answer), Instant.now(clock), origin);
        if (back != null) {
            send(back, LinkTarget.Direction.DOWN, origin, Map.of(KIND, ANSWER), write(answer));
        } else if (!backs.isEmpty()) {
            answeredHere.fire(new RelayAnswered(origin, answer));
        }
    }

    /** An answer as the origin shows it: its status, the node that gave it, the decision and its reason. */
    public Map<String, Object> answer(String status, String decision, String reason) {
        return answerOf(status, decision, reason);
    }

    private Map<String, Object> answerOf(String status, String decision, String reason) {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("status", status);
        a.put("heldAt", hub.node().id());
        a.put("decision", decision);
        a.put("reason", reason);
        return a;
    }

    private void up(String origin, String resource, String kind, Map<String, Object> headers, byte[] body) {
        LinkTarget parent = links.parent().orElseThrow();
        Map<String, Object> h = new HashMap<>(headers);
        h.put(KIND, kind);
        h.put(Headers.RESOURCE, resource);
        send(parent.id(), LinkTarget.Direction.UP, origin, h, body);
    }

    private void send(String linkId, LinkTarget.Direction direction, String origin, Map<String, Object> extra, byte[] body) {
        Map<String, Object> h = new HashMap<>(extra);
        h.put(Headers.MESSAGE_ID, origin);
        h.put(Headers.DIRECTION, direction.name());
        h.put(Headers.SOURCE_NODE, hub.node().id());
        h.put(Headers.SOURCE_ORG, hub.node().organisation());
        // Answers change; each is a message of its own, so the broker's duplicate id includes its text.
        h.put(Headers.DUPLICATE_ID, origin + ":" + extra.get(KIND) + ":" + Integer.toHexString(java.util.Arrays.hashCode(body)));
        outgoing.fire(new Outgoing(Addresses.linkOut(linkId), body, h));
    }

    /** A message for a link, sent once the transaction that recorded it has committed. */
    public record Outgoing(String queue, byte[] body, Map<String, Object> headers) {
    }

    /**
     * After the commit that recorded what the message is about: a peer that refuses at once is
     * answered in milliseconds, and the refusal must find the row it marks LINK_REFUSED (sent inside
     * the transaction, the link's consumer could take it before the row was committed, and the
     * refusal was lost). A request whose transaction rolls back is never sent. Outside a
     * transaction it is sent at once.
     */
    void deliver(@Observes(during = TransactionPhase.AFTER_SUCCESS) Outgoing message) {
        sends.send(message.queue(), message.body(), message.headers());
    }

    /** The request {@code id} as this node last saw it, for the feature that sent it. */
    public Optional<View> view(String id) {
        return sql.one("select * from relayed_request where origin_id = ?", rs -> new View(rs.getString("origin_id"),
                rs.getString("resource_code"), rs.getString("requester_org"), rs.getString("status"), rs.getString("held_at"),
                rs.getString("local_request_id"), rs.getString("answer") == null ? null : read(rs.getString("answer").getBytes(
                java.nio.charset.StandardCharsets.UTF_8)), Sql.instant(rs, "updated_at")), id);
    }

    private Optional<RelayDesk> desk(String ask) {
        return desks.stream().filter(d -> d.ask().equals(ask)).findFirst();
    }

    private byte[] write(Object o) {
        try {
            return json.writeValueAsBytes(o);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> read(byte[] b) {
        try {
            return json.readValue(b, Map.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
