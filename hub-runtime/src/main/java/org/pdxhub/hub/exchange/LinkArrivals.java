package org.pdxhub.hub.exchange;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.jboss.logging.Logger;
import org.pdxhub.hub.api.ProblemException;
import org.pdxhub.hub.audit.UsageDecision;
import org.pdxhub.hub.audit.UsageEntry;
import org.pdxhub.hub.audit.UsageLog;
import org.pdxhub.hub.audit.UsageWitness;
import org.pdxhub.hub.catalog.Catalog;
import org.pdxhub.hub.deadletter.Refusal;
import org.pdxhub.hub.deadletter.Refused;
import org.pdxhub.hub.envelope.Headers;
import org.pdxhub.hub.exchange.ExchangeService.Arrival;
import org.pdxhub.hub.exchange.ExchangeService.Party;
import org.pdxhub.hub.gate.GateRefused;
import org.pdxhub.hub.envelope.Hop;
import org.pdxhub.hub.link.LinkTarget;
import org.pdxhub.hub.link.Links;
import org.pdxhub.hub.link.Recipients;
import org.pdxhub.hub.link.RelayedRequests;
import org.pdxhub.hub.messaging.Addresses;
import org.pdxhub.hub.messaging.BrokerSecurity;
import org.pdxhub.plugin.ResourceSpec;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Messages from linked nodes ({@code pdx.link.in}), checked for who sent them and where they may
 * go, then handed on: records up to aggregation, records down to their return, a usage-log head
 * to the witness, a relayed request to its desk.
 */
@ApplicationScoped
public class LinkArrivals {

    private static final Logger LOG = Logger.getLogger(LinkArrivals.class);
    private static final TypeReference<List<Map<String, Object>>> RECORDS = new TypeReference<>() {
    };
    private static final TypeReference<Map<String, String>> MASKS = new TypeReference<>() {
    };
    private static final TypeReference<List<Hop>> HOPS = new TypeReference<>() {
    };
    /** The usage log's column for a resource code. */
    private static final int MAX_CODE = 64;

    @Inject
    Catalog catalog;

    @Inject
    BrokerSecurity brokerSecurity;

    @Inject
    Links links;

    @Inject
    Recipients recipients;

    @Inject
    UsageWitness usageWitness;

    @Inject
    RelayedRequests relayedRequests;

    @Inject
    UsageLog usageLog;

    @Inject
    ObjectMapper json;

    @Inject
    Aggregation aggregation;

    @Inject
    ReturnsDown returnsDown;

    /**
     * A message from another node ({@code pdx.link.in}): records a child sends up are aggregated
     * here as if its provider had sent them; records the parent returns down go on towards their
     * organisation. Either way they pass this node's gate and its usage log. A message from a
     * node that is not linked here, or of a resource this node does not publish, is refused to
     * the dead-letter address with its reason; a failure of this node rolls back and the broker
     * tries again.
     */
    public void arrive(Exchange exchange) {
        var in = exchange.getMessage();
        String code = in.getHeader(Headers.RESOURCE, String.class);
        String messageId = in.getHeader(Headers.MESSAGE_ID, String.class);
        String fromNode = in.getHeader(Headers.SOURCE_NODE, String.class);
        String direction = in.getHeader(Headers.DIRECTION, String.class);
        // Who sent it: the organisation the broker authenticated (bridges), or the one the REST
        // link verified (LinkResource sets PdxSourceOrg); a bridged message must not claim another.
        String brokerUser = brokerSecurity.senderOrganisation(in.getHeader(BrokerSecurity.SENDER_HEADER, String.class));
        String claimed = in.getHeader(Headers.SOURCE_ORG, String.class);
        String senderOrg = brokerUser != null ? brokerUser : claimed;
        LinkTarget.Direction sent = "UP".equals(direction) ? LinkTarget.Direction.UP : "DOWN".equals(direction) ? LinkTarget.Direction.DOWN : null;
        Optional<LinkTarget> link = sent == null ? Optional.empty() : links.sender(sent, fromNode, senderOrg);
        String problem = null;
        if (sent == null) {
            problem = "a relayed message says PdxDirection UP (from a child) or DOWN (from the parent), not '" + direction + "'";
        } else if (brokerUser != null && claimed != null && !brokerUser.equals(claimed)) {
            problem = "the message claims organisation " + claimed + " but was sent as " + brokerUser;
        } else if (link.isEmpty()) {
            problem = "node '" + fromNode + "' of organisation " + senderOrg + " is not linked to this node as a "
                    + (sent == LinkTarget.Direction.UP ? "child" : "parent") + " (pdx.node.parent / pdx.node.children)";
        }
        String badHeader = problem == null ? relayedHeaderProblem(in) : null;
        if (badHeader != null) {
            // The same limits as a department's message: a value the store cannot take would fail
            // the link message for ever. The refusal keeps only values that are themselves valid.
            throw refused(code != null && code.length() <= MAX_CODE && Headers.problem(Headers.RESOURCE, code).isEmpty() ? code : null,
                    Headers.problem(Headers.MESSAGE_ID, messageId).isEmpty() ? messageId : null, senderOrg, "link.header-invalid", badHeader);
        }
        if (problem == null && UsageWitness.carries(in)) {
            usageWitness.receive(exchange, link.get()); // a child's signed usage-log head, or the parent's acknowledgement
            return;
        }
        if (problem == null && messageId != null && in.getHeader(RelayedRequests.KIND) != null) {
            relayedRequests.receive(exchange, link.get()); // a share request held here, or an answer to one
            return;
        }
        if (problem != null || code == null || messageId == null) {
            throw refused(code, messageId, senderOrg, "link.refused", problem != null ? problem : "a relayed message needs PdxResource and PdxMessageId");
        }
        String outOfReach = sent == LinkTarget.Direction.UP
                ? providerNotBelow(link.get(), code, in.getHeader(Headers.PROVIDER, String.class))
                : recipients.unreachable(in.getHeader(Headers.TO, String.class)).orElse(null);
        if (outOfReach != null) {
            throw refused(code, messageId, senderOrg, sent == LinkTarget.Direction.UP ? "link.provider-not-below" : "link.receiver-not-below", outOfReach);
        }
        Arrival arrival;
        List<Map<String, Object>> records;
        try {
            arrival = new Arrival(json.readValue(in.getHeader(Headers.MASKED, "{}", String.class), MASKS),
                    json.readValue(in.getHeader(Headers.HOPS, "[]", String.class), HOPS));
            records = json.readValue(in.getBody(byte[].class), RECORDS);
        } catch (IOException e) {
            throw refused(code, messageId, senderOrg, "message.malformed", "a relayed message from " + fromNode + " could not be read: " + e.getMessage());
        }
        Party from = new Party(in.getHeader(Headers.PROVIDER, String.class), in.getHeader(Headers.PERSON, String.class),
                in.getHeader(Headers.PURPOSE, String.class), in.getHeader(Headers.TRACE_ID, messageId, String.class));
        try {
            if (LinkTarget.Direction.UP.name().equals(direction)) {
                aggregation.ingest(code, records, from, messageId, arrival);
            } else {
                returnsDown.giveBack(code, in.getHeader(Headers.TO, String.class), records, from, messageId, arrival);
            }
        } catch (GateRefused refused) {
            LOG.infof("Relayed message %s of %s from %s refused: %s", messageId, code, fromNode, refused.rule());
        } catch (ProblemException notHere) {
            if (notHere.status() >= 500) {
                throw notHere;
            }
            throw refused(code, messageId, senderOrg, notHere.rule(), notHere.getMessage());
        }
    }

    /**
     * A child relays only what organisations below it provided: its own, or those configured
     * as reached through it; and, for a resource published here, only its catalog provider's.
     * Returns why not, or null.
     */
    private String providerNotBelow(LinkTarget child, String code, String provider) {
        if (provider == null) {
            return "a message relayed up names its provider in PdxProvider";
        }
        if (!child.reaches(provider)) {
            return "child link " + child.id() + " relayed records of organisation " + provider + ", which is not below it: a child relays"
                    + " only its own organisation's records and those of the organisations configured under it"
                    + " (pdx.node.children[i].organisations)";
        }
        return catalog.publishedSpec(code).map(ResourceSpec::providerUscc).filter(p -> !p.equals(provider))
                .map(p -> "child link " + child.id() + " relayed records of " + code + " as provided by " + provider
                        + ", but its provider is " + p)
                .orElse(null);
    }

    /** What is wrong with a relayed message's stored headers (length, control characters), if anything. */
    private static String relayedHeaderProblem(Message in) {
        String code = in.getHeader(Headers.RESOURCE, String.class);
        if (code != null && code.length() > MAX_CODE) {
            return Headers.RESOURCE + " is " + code.length() + " characters long; a catalog code has at most " + MAX_CODE;
        }
        for (String name : List.of(Headers.RESOURCE, Headers.MESSAGE_ID, Headers.PERSON, Headers.PURPOSE, Headers.TRACE_ID)) {
            Optional<String> problem = Headers.problem(name, in.getHeader(name, String.class));
            if (problem.isPresent()) {
                return problem.get();
            }
        }
        return null;
    }

    /**
     * A relayed message refused: in the usage log with the linked organisation that sent it, and
     * thrown for the route's dead-letter channel to write its one letter with the reason.
     */
    private Refused refused(String code, String messageId, String senderOrg, String rule, String reason) {
        usageLog.append(new UsageEntry(null, 0, null, null, senderOrg, null, null, code, null, null, 0, 0, UsageDecision.REFUSED,
                rule, null, null, messageId, messageId, reason, null, null));
        return new Refused(Refusal.because(rule, reason).from(Addresses.LINK_IN).sentBy(senderOrg).about(code, messageId));
    }
}
