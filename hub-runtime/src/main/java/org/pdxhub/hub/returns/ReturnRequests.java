package org.pdxhub.hub.returns;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.pdxhub.hub.access.Caller;
import org.pdxhub.hub.access.Role;
import org.pdxhub.hub.api.ProblemException;
import org.pdxhub.hub.api.TextFields;
import org.pdxhub.hub.catalog.Catalog;
import org.pdxhub.hub.envelope.Headers;
import org.pdxhub.hub.exchange.ExchangeService;
import org.pdxhub.hub.link.Recipients;
import org.pdxhub.hub.node.HubConfig;
import org.pdxhub.hub.organisation.Organisations;
import org.pdxhub.hub.store.Sql;
import org.pdxhub.hub.store.TimeOrderedIds;
import org.pdxhub.plugin.ResourceSpec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Return requests (返还申请, art. 20): a lower level asks the node that holds its data for it
 * back, and the answer is a return to its return address. The data's own provider asking for
 * its own records gets them at once; any other organisation's request waits for the agency's
 * ADMIN or SPECIALIST at this node, who returns or refuses with a reason.
 */
@ApplicationScoped
public class ReturnRequests {

    private static final TypeReference<Map<String, Object>> SELECTION = new TypeReference<>() {
    };
    static final String PREFIX = "RR-";
    static final int MAX_KEYS = 10_000;
    /** A record key's width (dataset_record.record_key). */
    static final int MAX_KEY = 200;

    @Inject
    Sql sql;

    @Inject
    Catalog catalog;

    @Inject
    ExchangeService exchange;

    @Inject
    Recipients recipients;

    @Inject
    Organisations organisations;

    @Inject
    HubConfig hub;

    @Inject
    ObjectMapper json;

    @Inject
    Clock clock;

    @Inject
    RelayedReturns relayed;

    /** Files a request; the provider's own is answered by a return at once. A refusal leaves nothing filed. */
    @Transactional
    public ReturnRequest file(ReturnRequest.Ask ask, Caller by) {
        if (ask == null || ask.resource() == null || ask.resource().isBlank()) {
            throw ProblemException.badRequest("missing-field", "resource", "name the resource whose records are to be returned");
        }
        ResourceSpec spec = catalog.publishedSpec(ask.resource()).orElseThrow(() -> new ProblemException(404, "resource.not-published",
                "Not found", "node " + hub.node().id() + " does not publish '" + ask.resource() + "': a return request is filed at the node"
                + " that holds the data", "resource"));
        if (ask.purpose() == null || ask.purpose().isBlank()) {
            throw ProblemException.badRequest("missing-field", "purpose", "say for what the records are needed back (art. 19, 20)");
        }
        boolean byKey = ask.keys() != null && !ask.keys().isEmpty();
        if (!byKey && ask.providedBy() == null) {
            throw ProblemException.badRequest("missing-field", "keys", "say which records: keys (stored keys or raw identifiers) or"
                    + " providedBy (the USCC of the organisation whose records they are)");
        }
        if (byKey && ask.keys().size() > MAX_KEYS) {
            throw ProblemException.badRequest("too-many", "keys", "at most " + MAX_KEYS + " keys in one request");
        }
        if (ask.providedBy() != null) {
            organisations.checkUscc(ask.providedBy(), "providedBy");
        }
        if (byKey) {
            for (int i = 0; i < ask.keys().size(); i++) {
                TextFields.oneLine("keys[" + i + "]", ask.keys().get(i), MAX_KEY);
            }
        }
        // The person and purpose become the usage log's when the records are returned: held to its columns now.
        String person = TextFields.oneLine("person", ask.person(), Headers.maxLength(Headers.PERSON));
        person = person == null ? by.holder() : person;
        String purpose = TextFields.oneLine("purpose", ask.purpose(), Headers.maxLength(Headers.PURPOSE));
        recipients.require(by.organisation(), "requester");
        List<String> keys = byKey ? exchange.storedKeys(spec.code(), ask.keys()) : List.of();
        String id = TimeOrderedIds.next(PREFIX);
        Instant now = clock.instant();
        sql.update("insert into return_request (id, resource_code, requester_org, person, purpose, selection, status, created_at, updated_at)"
                        + " values (?,?,?,?,?,?,?,?,?)",
                id, spec.code(), by.organisation(), person, purpose, write(keys, ask.providedBy()), ReturnStatus.SUBMITTED.name(),
                now, now);
        if (by.organisation().equals(spec.providerUscc())) {
            returnNow(find(id), by, "the provider's own records, returned at once");
        }
        return find(id);
    }

    /** The agency's decision on a request that waits for it. */
    @Transactional
    public ReturnRequest decide(String id, ReturnRequest.Answer answer, Caller by) {
        ReturnRequest r = visible(id, by);
        if (!agencyStaff(by)) {
            throw ProblemException.forbidden("return.not-agency", "a return request is decided by an ADMIN or SPECIALIST of the agency"
                    + " organisation " + hub.node().organisation() + " at node " + hub.node().id() + "; organisation " + by.organisation()
                    + " is not it");
        }
        if (r.status() != ReturnStatus.SUBMITTED) {
            throw ProblemException.conflict("return.decided", "id", "request " + id + " is " + r.status() + " already");
        }
        if (answer == null || answer.decision() == null) {
            throw ProblemException.badRequest("missing-field", "decision", "decision is APPROVE or REJECT");
        }
        if (answer.decision() == ReturnRequest.Decision.REJECT) {
            if (answer.reason() == null || answer.reason().isBlank()) {
                throw ProblemException.badRequest("missing-field", "reason", "a refusal says why");
            }
            sql.update("update return_request set status = ?, reason = ?, decided_by = ?, updated_at = ? where id = ?",
                    ReturnStatus.REJECTED.name(), answer.reason().strip(), by.holder(), clock.instant(), id);
        } else {
            returnNow(r, by, answer.reason());
        }
        ReturnRequest decided = find(id);
        relayed.decided(decided); // filed from below: the answer travels back down
        return decided;
    }

    public List<ReturnRequest> list(Caller by) {
        if (agencyStaff(by) || by.has(Role.REVIEWER) && by.organisation().equals(hub.node().organisation())) {
            return sql.list("select * from return_request order by created_at desc limit 1000", this::map);
        }
        return sql.list("select * from return_request where requester_org = ? order by created_at desc limit 1000", this::map,
                by.organisation());
    }

    /** A request, for its requester or the agency. */
    public ReturnRequest visible(String id, Caller by) {
        ReturnRequest r = sql.one("select * from return_request where id = ?", this::map, id)
                .orElseThrow(() -> ProblemException.notFound("return request", id));
        boolean agency = by.organisation().equals(hub.node().organisation());
        if (!agency && !r.requester().equals(by.organisation())) {
            throw ProblemException.forbidden("return.not-requester", "return request " + id + " is organisation " + r.requester()
                    + "'s; only it and the agency organisation " + hub.node().organisation() + " see it");
        }
        return r;
    }

    private void returnNow(ReturnRequest r, Caller by, String note) {
        ExchangeService.Party party = new ExchangeService.Party(by.organisation(), r.person(), r.purpose(), r.id());
        ExchangeService.Selection which = new ExchangeService.Selection(r.keys().isEmpty() ? null : r.keys(), r.providedBy());
        try {
            var done = exchange.giveBack(r.resource(), r.requester(), which, party, by);
            sql.update("update return_request set status = ?, reason = ?, decided_by = ?, return_message_id = ?, record_count = ?,"
                            + " updated_at = ? where id = ?",
                    ReturnStatus.RETURNED.name(), note, by.holder(), done.messageId(), done.accepted(), clock.instant(), r.id());
        } catch (ProblemException nothing) {
            if (!"return.nothing-held".equals(nothing.rule())) {
                throw nothing;
            }
            sql.update("update return_request set status = ?, reason = ?, decided_by = ?, updated_at = ? where id = ?",
                    ReturnStatus.NOTHING_HELD.name(), nothing.getMessage(), by.holder(), clock.instant(), r.id());
        }
    }

    private boolean agencyStaff(Caller by) {
        return by.organisation().equals(hub.node().organisation()) && (by.has(Role.ADMIN) || by.has(Role.SPECIALIST));
    }

    private ReturnRequest find(String id) {
        return sql.one("select * from return_request where id = ?", this::map, id).orElseThrow();
    }

    @SuppressWarnings("unchecked")
    private ReturnRequest map(ResultSet rs) throws SQLException {
        Map<String, Object> selection;
        try {
            selection = json.readValue(rs.getString("selection"), SELECTION);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new ReturnRequest(rs.getString("id"), rs.getString("resource_code"), rs.getString("requester_org"), rs.getString("person"),
                rs.getString("purpose"), (List<String>) selection.getOrDefault("keys", List.of()), (String) selection.get("providedBy"),
                ReturnStatus.valueOf(rs.getString("status")), rs.getString("reason"), rs.getString("decided_by"),
                rs.getString("return_message_id"), rs.getInt("record_count"), Sql.instant(rs, "created_at"), Sql.instant(rs, "updated_at"));
    }

    private String write(List<String> keys, String providedBy) {
        Map<String, Object> selection = new LinkedHashMap<>();
        selection.put("keys", keys);
        selection.put("providedBy", providedBy);
        try {
            return json.writeValueAsString(selection);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
