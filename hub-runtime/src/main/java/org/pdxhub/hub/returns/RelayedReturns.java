package org.pdxhub.hub.returns;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.pdxhub.hub.access.Caller;
import org.pdxhub.hub.api.ProblemException;
import org.pdxhub.hub.link.RelayDesk;
import org.pdxhub.hub.link.RelayedRequests;

import java.io.IOException;
import java.util.Map;

/**
 * Return requests (返还, art. 20) that came up the links from another node's organisation: filed
 * here, and the decision sent back down to the origin while the return travels down the links.
 */
@ApplicationScoped
public class RelayedReturns implements RelayDesk {

    @Inject
    ReturnRequests returnRequests;

    @Inject
    RelayedRequests relayed;

    @Inject
    ObjectMapper json;

    @Override
    public String ask() {
        return RelayedRequests.RETURN;
    }

    @Override
    public Filed file(byte[] body, Caller as) {
        ReturnRequest.Ask ask;
        try {
            ask = json.readValue(body, ReturnRequest.Ask.class);
        } catch (IOException e) {
            throw ProblemException.badRequest("link.unreadable", "body", "the relayed return request could not be read: " + e.getMessage());
        }
        ReturnRequest filed = returnRequests.file(ask, as);
        return new Filed(filed.id(), answerOf(filed));
    }

    /** A return request filed here for another node's organisation was decided: tell the origin. */
    void decided(ReturnRequest r) {
        relayed.answered(r.id(), answerOf(r));
    }

    private Map<String, Object> answerOf(ReturnRequest r) {
        Map<String, Object> a = relayed.answer(r.status().name(), null, r.reason());
        a.put("requestId", r.id());
        a.put("returnMessageId", r.returnMessageId());
        a.put("recordCount", r.recordCount());
        return a;
    }
}
