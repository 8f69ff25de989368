package org.pdxhub.hub.sharing;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;
import org.pdxhub.hub.access.Caller;
import org.pdxhub.hub.api.ProblemException;
import org.pdxhub.hub.link.RelayDesk;
import org.pdxhub.hub.link.RelayedRequests;
import org.pdxhub.hub.node.HubConfig;
import org.pdxhub.hub.organisation.Organisations;

import java.io.IOException;
import java.util.Map;
import java.util.Optional;

/**
 * Share requests that came up the links from another node's organisation: filed here as ordinary
 * share requests, and every answer to one (filed, approved with its grant, refused with reason
 * and basis, its dispute decided) sent back down to the origin.
 */
@ApplicationScoped
public class RelayedShares implements RelayDesk {

    private static final Logger LOG = Logger.getLogger(RelayedShares.class);

    @Inject
    Requests requests;

    @Inject
    ShareRequests shareRequests;

    @Inject
    RelayedRequests relayed;

    @Inject
    Organisations organisations;

    @Inject
    HubConfig hub;

    @Inject
    ObjectMapper json;

    @Override
    public String ask() {
        return RelayedRequests.SHARE;
    }

    @Override
    public Filed file(byte[] body, Caller as) {
        ShareRequests.ShareAsk ask;
        try {
            ask = json.readValue(body, ShareRequests.ShareAsk.class);
        } catch (IOException e) {
            throw ProblemException.badRequest("link.unreadable", "body", "the relayed request could not be read: " + e.getMessage());
        }
        if (organisations.find(as.organisation()).isEmpty()) {
            throw ProblemException.badRequest("organisation.unknown", "requester", "organisation " + as.organisation()
                    + " is not registered at node " + hub.node().id() + ", which holds " + ask.resource()
                    + ": its administrator registers it (POST /api/v1/organisations)");
        }
        DataRequest filed = shareRequests.submit(ask, as);
        return new Filed(filed.id(), answerOf(filed));
    }

    @Override
    public Map<String, Object> dispute(String localId, String reason, Caller as) {
        return answerOf(requests.dispute(RequestKind.SHARE, localId, reason, as));
    }

    @Override
    public Optional<Map<String, Object>> answer(String localId) {
        return requests.byId(localId).map(this::answerOf);
    }

    /** A share request filed here for another node's organisation was answered: tell the origin. */
    void onAnswered(@Observes(during = TransactionPhase.AFTER_SUCCESS) Notification n) {
        if (n.requestId() == null || !"REQUEST_ANSWERED".equals(n.kind())) {
            return;
        }
        try {
            if (relayed.relayed(n.requestId())) {
                requests.byId(n.requestId()).ifPresent(r -> relayed.answered(r.id(), answerOf(r)));
            }
        } catch (RuntimeException e) {
            LOG.warnf("The answer to relayed request %s could not be sent back: %s", n.requestId(), e.getMessage());
        }
    }

    private Map<String, Object> answerOf(DataRequest r) {
        Map<String, Object> a = relayed.answer(r.status().name(), r.decision() == null ? null : r.decision().name(), r.decisionReason());
        a.put("requestId", r.id());
        a.put("dueBy", r.dueBy() == null ? null : r.dueBy().toString());
        a.put("decisionBasis", r.decisionBasis());
        a.put("grantId", r.grantId());
        a.put("provider", r.providerUscc());
        a.put("disputeReason", r.disputeReason());
        a.put("disputeDecision", r.disputeDecision() == null ? null : r.disputeDecision().name());
        a.put("disputeComment", r.disputeComment());
        return a;
    }
}
