package org.pdxhub.hub.sharing;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.pdxhub.hub.access.Role;
import org.pdxhub.hub.store.Sql;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Requests and their steps in the store. Updates name the status they expect, so that two answers cannot both win. */
@ApplicationScoped
public class RequestStore {

    /** A natural person's side of an open application (art. 26): the ID number masked, and who verified the identity. */
    public record NaturalPerson(String idMasked, Instant identityVerifiedAt, String identityVerifiedBy) {
    }

    /** One step of a request. */
    public record Step(Instant at, String action, String actor, String note, LocalDate dueBy) {
    }

    /** Filters for listing; null means any. */
    public record Query(RequestKind kind, RequestStatus status, String requester, String assignee, Role assigneeRole,
                        String provider, boolean openOnly) {
    }

    @Inject
    Sql sql;

    public void insert(DataRequest r) {
        sql.update("insert into data_request (id, kind, status, requester_uscc, requester_person, requester_key, resource_code, resource_type,"
                        + " provider_uscc, fields, purpose, scenario, basis, goal, security_measures, commitment, description, contact,"
                        + " period_from, period_to, submitted_on, submitted_at, due_by, assignee_uscc, assignee_role, routed_to_agency,"
                        + " routing_note, decision, decision_reason, decision_basis, decided_at, decided_by, closed_at, purpose_code)"
                        + " values (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                r.id(), r.kind(), r.status(), r.requesterUscc(), r.requesterPerson(), r.requesterKey(), r.resourceCode(), r.resourceType(),
                r.providerUscc(), r.fields() == null ? null : String.join(",", r.fields()), r.purpose(), r.scenario(), r.basis(), r.goal(),
                r.securityMeasures(), r.commitment(), r.description(), r.contact(), r.periodFrom(), r.periodTo(), r.submittedOn(),
                r.submittedAt(), r.dueBy(), r.assigneeUscc(), r.assigneeRole(), r.routedToAgency(), r.routingNote(), r.decision(),
                r.decisionReason(), r.decisionBasis(), r.decidedAt(), r.decidedBy(), r.closedAt(), r.purposeCode());
    }

    public Optional<DataRequest> find(String id) {
        return sql.one("select * from data_request where id = ?", RequestStore::map, id);
    }

    /** The first answer. @return false when the request was no longer {@code SUBMITTED} */
    public boolean decide(String id, RequestStatus to, DataRequest.Decision decision, String reason, String basis, Instant at,
                          String by, String grantId) {
        return sql.update("update data_request set status = ?, decision = ?, decision_reason = ?, decision_basis = ?, decided_at = ?,"
                        + " decided_by = ?, grant_id = ?, assignee_uscc = null, assignee_role = null, closed_at = ?"
                        + " where id = ? and status = 'SUBMITTED'",
                to, decision, reason, basis, at, by, grantId, at, id) == 1;
    }

    /** A refusal disputed: the agency must act by {@code dueBy}. @return false when it was no longer {@code REJECTED} */
    public boolean dispute(String id, String reason, Instant at, String by, LocalDate dueBy, String agencyUscc) {
        return sql.update("update data_request set status = 'DISPUTED', dispute_reason = ?, disputed_at = ?, disputed_by = ?, due_by = ?,"
                        + " assignee_uscc = ?, assignee_role = ?, closed_at = null where id = ? and status = 'REJECTED' and disputed_at is null",
                reason, at, by, dueBy, agencyUscc, Role.REVIEWER, id) == 1;
    }

    /** A request left unanswered past its date, disputed (art. 18, 26). @return false when it was answered or not yet overdue */
    public boolean disputeMissedDeadline(String id, String reason, Instant at, String by, LocalDate dueBy, String agencyUscc, LocalDate today) {
        return sql.update("update data_request set status = 'DISPUTED', dispute_reason = ?, disputed_at = ?, disputed_by = ?, due_by = ?,"
                        + " assignee_uscc = ?, assignee_role = ? where id = ? and status = 'SUBMITTED' and due_by < ? and disputed_at is null",
                reason, at, by, dueBy, agencyUscc, Role.REVIEWER, id, today) == 1;
    }

    /** The codes of the stated security measures the requester accepted (art. 18). */
    public void acceptMeasures(String id, Set<String> codes) {
        sql.update("update data_request set accepted_measures = ? where id = ?", String.join(",", codes), id);
    }

    public Set<String> acceptedMeasures(String id) {
        // A row without accepted measures maps to null, which a stream cannot carry: read the text, then split.
        return sql.list("select coalesce(accepted_measures, '') from data_request where id = ?", rs -> rs.getString(1), id).stream()
                .filter(s -> !s.isEmpty()).findFirst().map(RequestStore::split).orElse(null);
    }

    /** What the store keeps of a natural person's application beside the request: the masked ID and the token's digest. */
    public void person(String id, String idMasked, String tokenHash) {
        sql.update("update data_request set person_id_masked = ?, person_token_hash = ? where id = ?", idMasked, tokenHash, id);
    }

    /** The digest of the verified subject of a person who applied with the identity platform's token. */
    public void personSubject(String id, String subjectHash) {
        sql.update("update data_request set person_subject_hash = ? where id = ?", subjectHash, id);
    }

    /** The applications of the person whose verified subject has this digest, newest first. */
    public List<DataRequest> byPersonSubject(String subjectHash) {
        return sql.list("select * from data_request where person_subject_hash = ? order by submitted_at desc", RequestStore::map, subjectHash);
    }

    public Optional<NaturalPerson> naturalPerson(String id) {
        return sql.one("select person_id_masked, identity_verified_at, identity_verified_by from data_request where id = ?"
                        + " and person_id_masked is not null",
                rs -> new NaturalPerson(rs.getString(1), Sql.instant(rs, "identity_verified_at"), rs.getString(3)), id);
    }

    public Optional<DataRequest> byPersonToken(String tokenHash) {
        return sql.one("select * from data_request where person_token_hash = ?", RequestStore::map, tokenHash);
    }

    /** The agency verified the person's identity: the application now waits for the provider. @return false when already verified */
    public boolean verifyIdentity(String id, Instant at, String by, String provider, LocalDate dueBy) {
        return sql.update("update data_request set identity_verified_at = ?, identity_verified_by = ?, assignee_uscc = ?, assignee_role = ?,"
                        + " due_by = ?, routed_to_agency = false where id = ? and status = 'SUBMITTED' and identity_verified_at is null"
                        + " and person_id_masked is not null",
                at, by, provider, Role.SPECIALIST, dueBy, id) == 1;
    }

    /** The reviewer's answer to a dispute. @return false when it was no longer {@code DISPUTED} */
    public boolean settle(String id, RequestStatus to, DataRequest.Decision decision, String comment, Instant at, String by, String grantId) {
        return sql.update("update data_request set status = ?, dispute_decision = ?, dispute_comment = ?, dispute_decided_at = ?,"
                        + " dispute_decided_by = ?, grant_id = ?, assignee_uscc = null, assignee_role = null, closed_at = ?"
                        + " where id = ? and status = 'DISPUTED'",
                to, decision, comment, at, by, grantId, at, id) == 1;
    }

    public void step(String id, Instant at, String action, String actor, String note, LocalDate dueBy) {
        sql.update("insert into data_request_step (request_id, at, action, actor, note, due_by) values (?,?,?,?,?,?)",
                id, at, action, actor, note, dueBy);
    }

    public List<Step> steps(String id) {
        return sql.list("select * from data_request_step where request_id = ? order by id",
                rs -> new Step(Sql.instant(rs, "at"), rs.getString("action"), rs.getString("actor"), rs.getString("note"),
                        Sql.date(rs, "due_by")), id);
    }

    public List<DataRequest> list(Query q) {
        StringBuilder where = new StringBuilder(" where 1 = 1");
        List<Object> params = new ArrayList<>();
        filter(where, params, "kind = ?", q.kind());
        filter(where, params, "status = ?", q.status());
        filter(where, params, "requester_uscc = ?", q.requester());
        filter(where, params, "assignee_uscc = ?", q.assignee());
        filter(where, params, "assignee_role = ?", q.assigneeRole());
        filter(where, params, "provider_uscc = ?", q.provider());
        if (q.openOnly()) {
            where.append(" and status in ('SUBMITTED', 'DISPUTED')");
        }
        return sql.list("select * from data_request" + where + " order by submitted_at desc, id", RequestStore::map, params.toArray());
    }

    /** Requests still waiting whose date has passed: due before {@code today}. */
    public List<DataRequest> overdue(LocalDate today, RequestKind kind) {
        return sql.list("select * from data_request where status in ('SUBMITTED', 'DISPUTED') and due_by < ?"
                + (kind == null ? "" : " and kind = '" + kind.name() + "'") + " order by due_by, id", RequestStore::map, today);
    }

    public long countOverdue(String assigneeUscc, LocalDate today) {
        return sql.count("select count(*) from data_request where status in ('SUBMITTED', 'DISPUTED') and due_by < ? and assignee_uscc = ?",
                today, assigneeUscc);
    }

    private static void filter(StringBuilder where, List<Object> params, String clause, Object value) {
        if (value != null) {
            where.append(" and ").append(clause);
            params.add(value);
        }
    }

    private static DataRequest map(ResultSet rs) throws SQLException {
        String role = rs.getString("assignee_role");
        return new DataRequest(rs.getString("id"), RequestKind.valueOf(rs.getString("kind")), RequestStatus.valueOf(rs.getString("status")),
                new DataRequest.Requester(rs.getString("requester_uscc"), rs.getString("requester_person"), rs.getString("requester_key")),
                new DataRequest.Subject(rs.getString("resource_code"), rs.getString("resource_type"), rs.getString("provider_uscc"),
                        split(rs.getString("fields"))),
                new DataRequest.Need(rs.getString("purpose"), rs.getString("purpose_code"), rs.getString("scenario"), rs.getString("basis"),
                        rs.getString("goal"), rs.getString("security_measures"), rs.getString("commitment"), rs.getString("description"),
                        rs.getString("contact"), Sql.date(rs, "period_from"), Sql.date(rs, "period_to")),
                new DataRequest.Waiting(Sql.date(rs, "submitted_on"), Sql.instant(rs, "submitted_at"), Sql.date(rs, "due_by"),
                        rs.getString("assignee_uscc"), role == null ? null : Role.valueOf(role), rs.getBoolean("routed_to_agency"),
                        rs.getString("routing_note")),
                new DataRequest.Outcome(decision(rs.getString("decision")), rs.getString("decision_reason"), rs.getString("decision_basis"),
                        Sql.instant(rs, "decided_at"), rs.getString("decided_by")),
                new DataRequest.Dispute(rs.getString("dispute_reason"), Sql.instant(rs, "disputed_at"), rs.getString("disputed_by"),
                        decision(rs.getString("dispute_decision")), rs.getString("dispute_comment"), Sql.instant(rs, "dispute_decided_at"),
                        rs.getString("dispute_decided_by")),
                rs.getString("grant_id"), Sql.instant(rs, "closed_at"));
    }

    private static DataRequest.Decision decision(String s) {
        return s == null ? null : DataRequest.Decision.valueOf(s);
    }

    private static Set<String> split(String csv) {
        if (csv == null) {
            return null;
        }
        Set<String> out = new LinkedHashSet<>();
        Arrays.stream(csv.split(",")).map(String::trim).filter(s -> !s.isEmpty()).forEach(out::add);
        return out;
    }
}
