package org.pdxhub.hub.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.jboss.logging.Logger;
import org.pdxhub.hub.envelope.Headers;
import org.pdxhub.hub.link.LinkTarget;
import org.pdxhub.hub.link.Links;
import org.pdxhub.hub.messaging.Addresses;
import org.pdxhub.hub.messaging.SendingSessions;
import org.pdxhub.hub.node.HubConfig;
import org.pdxhub.hub.store.Sql;
import org.pdxhub.hub.store.TimeOrderedIds;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Witnesses of usage-log heads across the hierarchy. A node sends its signed head up its parent
 * link; the parent keeps the highest head each child sent (a head that goes back is kept as a
 * problem, never written over the witness) and acknowledges it down; the child keeps the
 * acknowledgement and compares its chain with it. Someone who controls a child's store and data
 * folder can roll both back, but not the parent's copy. Heads ride the link queues like records.
 */
@ApplicationScoped
public class UsageWitness {

    private static final Logger LOG = Logger.getLogger(UsageWitness.class);

    /** Header naming what a link message is (shared with relayed requests). */
    public static final String KIND = "PdxKind";
    static final String HEAD = "usage-log-head";
    static final String ACK = "usage-log-ack";
    /** What link messages of heads name as their resource: none of the catalog's codes. */
    static final String RESOURCE = "pdx.usage-log";

    /** The head a parent last witnessed for one child. */
    public record Witnessed(String childLink, String node, long seq, String hash, Instant signedAt, Instant receivedAt,
                            String problem, Instant problemAt) {
    }

    @Inject
    Links links;

    @Inject
    Sql sql;

    @Inject
    UsageLog log;

    @Inject
    HubConfig hub;

    @Inject
    SendingSessions sends;

    @Inject
    ObjectMapper json;

    @Inject
    Clock clock;

    /** Whether a link message is a head or an acknowledgement (ExchangeService hands it here). */
    public static boolean carries(Message in) {
        String kind = in.getHeader(KIND, String.class);
        return HEAD.equals(kind) || ACK.equals(kind);
    }

    /** Sends the signed head up, when this node has a parent. */
    public void sendUp(SignedHead head) {
        links.parent().ifPresent(parent -> send(parent, LinkTarget.Direction.UP, HEAD, head));
    }

    /** A head from a child or an acknowledgement from the parent, after the link's sender was verified. */
    public void receive(Exchange exchange, LinkTarget from) {
        var in = exchange.getMessage();
        SignedHead head;
        try {
            List<Map<String, Object>> body = json.readValue(in.getBody(byte[].class),
                    json.getTypeFactory().constructCollectionType(List.class, Map.class));
            Map<String, Object> h = body.get(0);
            head = new SignedHead((String) h.get("node"), ((Number) h.get("seq")).longValue(), (String) h.get("hash"),
                    Instant.parse((String) h.get("at")), null, null);
            if (head.nodeId() == null || head.seq() < 0 || head.hash() == null || !head.hash().matches("[0-9a-f]{64}")) {
                throw new IllegalArgumentException("node, seq and a 64-hex hash are required");
            }
        } catch (IOException | RuntimeException e) {
            LOG.warnf("A usage-log head from link %s could not be read and was dropped: %s", from.id(), e.getMessage());
            return;
        }
        if (HEAD.equals(in.getHeader(KIND, String.class)) && from.direction() == LinkTarget.Direction.DOWN) {
            witness(from, head);
        } else if (ACK.equals(in.getHeader(KIND, String.class)) && from.direction() == LinkTarget.Direction.UP
                && head.nodeId().equals(log.nodeId())) {
            log.acknowledged(from.id(), head.seq(), head.hash(), head.at());
        } else {
            LOG.warnf("A usage-log %s over link %s (%s) was dropped: heads go up, acknowledgements come down",
                    in.getHeader(KIND, String.class), from.id(), from.direction());
        }
    }

    /** At a parent: what each child last had witnessed. */
    public List<Witnessed> list() {
        return sql.list("select * from usage_log_witness order by child_link", rs -> new Witnessed(rs.getString("child_link"),
                rs.getString("node_id"), rs.getLong("seq"), rs.getString("hash"), Sql.instant(rs, "signed_at"),
                Sql.instant(rs, "received_at"), rs.getString("problem"), Sql.instant(rs, "problem_at")));
    }

    private void witness(LinkTarget child, SignedHead head) {
        Instant now = clock.instant();
        Optional<Witnessed> before = list().stream().filter(w -> w.childLink().equals(child.id())).findFirst();
        String problem = before.map(b -> regression(b, head)).orElse(null);
        SignedHead kept;
        if (problem != null) {
            LOG.errorf("Child %s (node %s) sent usage-log head %d, but entry %d was witnessed here: %s", child.id(), head.nodeId(),
                    head.seq(), before.get().seq(), problem);
            sql.update("update usage_log_witness set problem = ?, problem_at = ? where child_link = ?", problem, now, child.id());
            Witnessed b = before.get();
            kept = new SignedHead(b.node(), b.seq(), b.hash(), b.signedAt(), null, null);
        } else {
            QuarkusTransaction.requiringNew().run(() -> {
                if (sql.update("update usage_log_witness set node_id = ?, seq = ?, hash = ?, signed_at = ?, received_at = ? where child_link = ?",
                        head.nodeId(), head.seq(), head.hash(), head.at(), now, child.id()) == 0) {
                    sql.update("insert into usage_log_witness (child_link, node_id, seq, hash, signed_at, received_at) values (?,?,?,?,?,?)",
                            child.id(), head.nodeId(), head.seq(), head.hash(), head.at(), now);
                }
            });
            kept = head;
        }
        send(child, LinkTarget.Direction.DOWN, ACK, kept);
    }

    /** Why a newly sent head cannot follow the one witnessed before, or null. */
    private static String regression(Witnessed before, SignedHead now) {
        if (now.seq() < before.seq()) {
            return "the head went back from entry " + before.seq() + " to " + now.seq() + ": entries were removed from the end";
        }
        if (now.seq() == before.seq() && !now.hash().equals(before.hash())) {
            return "entry " + now.seq() + " was witnessed with another hash: it was rewritten";
        }
        return null;
    }

    private void send(LinkTarget link, LinkTarget.Direction direction, String kind, SignedHead head) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("node", head.nodeId());
        body.put("seq", head.seq());
        body.put("hash", head.hash());
        body.put("at", head.at().toString());
        // One id per send: an acknowledgement of the same witnessed head may be sent again in answer to a later head.
        String messageId = TimeOrderedIds.next(HEAD.equals(kind) ? "ulh-" : "ula-");
        Map<String, Object> h = new HashMap<>();
        h.put(KIND, kind);
        h.put(Headers.RESOURCE, RESOURCE);
        h.put(Headers.MESSAGE_ID, messageId);
        h.put(Headers.DIRECTION, direction.name());
        h.put(Headers.SOURCE_NODE, hub.node().id());
        h.put(Headers.SOURCE_ORG, hub.node().organisation());
        h.put(Headers.DUPLICATE_ID, messageId);
        try {
            sends.send(Addresses.linkOut(link.id()), json.writeValueAsBytes(List.of(body)), h);
        } catch (IOException e) {
            throw new IllegalStateException("a usage-log head could not be written", e);
        }
    }
}
