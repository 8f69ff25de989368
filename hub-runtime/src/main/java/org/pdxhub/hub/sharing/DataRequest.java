package org.pdxhub.hub.sharing;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.pdxhub.hub.access.Role;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Set;

/**
 * A request as the store keeps it: a share request (共享申请, art. 18), a demand for uncatalogued
 * data (需求申请, art. 21), an application for conditionally open data (开放申请, art. 26) or a
 * public demand (art. 27).
 *
 * @param requesterUscc null for a public demand
 * @param resourceType  the catalog's share type (SHARE) or open type (OPEN_APPLICATION) at submission
 * @param dueBy         the date the step waiting now is due by (working days); kept when closed
 * @param assigneeUscc  the organisation that must act now, with {@code assigneeRole}; null when closed
 * @param purposeCode   the short code the requester gave its purpose; an approval makes code and
 *                      purpose the grant's approved purpose (the request's id when no code was given)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DataRequest(String id, RequestKind kind, RequestStatus status, String requesterUscc, String requesterPerson,
                          String requesterKey, String resourceCode, String resourceType, String providerUscc, Set<String> fields,
                          String purpose, String scenario, String basis, String goal, String securityMeasures, String commitment,
                          String description, String contact, LocalDate periodFrom, LocalDate periodTo, LocalDate submittedOn,
                          Instant submittedAt, LocalDate dueBy, String assigneeUscc, Role assigneeRole, boolean routedToAgency,
                          String routingNote, Decision decision, String decisionReason, String decisionBasis, Instant decidedAt,
                          String decidedBy, String disputeReason, Instant disputedAt, String disputedBy, Decision disputeDecision,
                          String disputeComment, Instant disputeDecidedAt, String disputeDecidedBy, String grantId, Instant closedAt,
                          String purposeCode) {

    /** A request whose purpose has no code of its own. */
    public DataRequest(String id, RequestKind kind, RequestStatus status, String requesterUscc, String requesterPerson,
                       String requesterKey, String resourceCode, String resourceType, String providerUscc, Set<String> fields,
                       String purpose, String scenario, String basis, String goal, String securityMeasures, String commitment,
                       String description, String contact, LocalDate periodFrom, LocalDate periodTo, LocalDate submittedOn,
                       Instant submittedAt, LocalDate dueBy, String assigneeUscc, Role assigneeRole, boolean routedToAgency,
                       String routingNote, Decision decision, String decisionReason, String decisionBasis, Instant decidedAt,
                       String decidedBy, String disputeReason, Instant disputedAt, String disputedBy, Decision disputeDecision,
                       String disputeComment, Instant disputeDecidedAt, String disputeDecidedBy, String grantId, Instant closedAt) {
        this(id, kind, status, requesterUscc, requesterPerson, requesterKey, resourceCode, resourceType, providerUscc, fields, purpose,
                scenario, basis, goal, securityMeasures, commitment, description, contact, periodFrom, periodTo, submittedOn, submittedAt,
                dueBy, assigneeUscc, assigneeRole, routedToAgency, routingNote, decision, decisionReason, decisionBasis, decidedAt,
                decidedBy, disputeReason, disputedAt, disputedBy, disputeDecision, disputeComment, disputeDecidedAt, disputeDecidedBy,
                grantId, closedAt, null);
    }

    /** This request with the code the requester gave its purpose. */
    public DataRequest withPurposeCode(String code) {
        return new DataRequest(id, kind, status, requesterUscc, requesterPerson, requesterKey, resourceCode, resourceType, providerUscc,
                fields, purpose, scenario, basis, goal, securityMeasures, commitment, description, contact, periodFrom, periodTo,
                submittedOn, submittedAt, dueBy, assigneeUscc, assigneeRole, routedToAgency, routingNote, decision, decisionReason,
                decisionBasis, decidedAt, decidedBy, disputeReason, disputedAt, disputedBy, disputeDecision, disputeComment,
                disputeDecidedAt, disputeDecidedBy, grantId, closedAt, code);
    }

    /**
     * A natural person's application for conditionally open data (art. 26): no organisation and no
     * key; it waits first for the agency's SPECIALIST, who verifies the identity.
     */
    public static DataRequest personApplication(String id, String name, String resource, String provider, Set<String> fields,
                                                String purpose, String scenario, String contact, LocalDate submittedOn, Instant submittedAt,
                                                LocalDate dueBy, String agency) {
        return new DataRequest(id, RequestKind.OPEN_APPLICATION, RequestStatus.SUBMITTED, null, name, null, resource, "CONDITIONAL", provider,
                fields, purpose, scenario, null, null, null, null, null, contact, null, null, submittedOn, submittedAt, dueBy, agency,
                Role.SPECIALIST, true, "a natural person: the agency verifies the identity first", null, null, null, null, null, null,
                null, null, null, null, null, null, null, null);
    }

    /** An answer to a request, a refusal, or a dispute. */
    public enum Decision { APPROVE, REJECT }
}
