package org.pdxhub.hub.sharing;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import org.pdxhub.hub.access.Role;
import org.pdxhub.hub.catalog.CatalogResource;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Set;

/**
 * A request as the store keeps it: a share request (共享申请, art. 18), a demand for uncatalogued
 * data (需求申请, art. 21), an application for conditionally open data (开放申请, art. 26) or a
 * public demand (art. 27). It is made of parts, one per stage of the one lifecycle every kind
 * shares: who asks, about what, why, when it was filed and whom it waits for, the answer, the
 * dispute. Each part is always present (its fields null until the stage is reached); the JSON is
 * flat, as callers have always read it.
 *
 * @param grantId  the grant an approval issued
 * @param closedAt when the request stopped waiting; null while open
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DataRequest(String id, RequestKind kind, RequestStatus status, @JsonUnwrapped Requester requester,
                          @JsonUnwrapped Subject subject, @JsonUnwrapped Need need, @JsonUnwrapped Waiting waiting,
                          @JsonUnwrapped Outcome outcome, @JsonUnwrapped Dispute dispute, String grantId, Instant closedAt) {

    /** An answer to a request, a refusal, or a dispute. */
    public enum Decision { APPROVE, REJECT }

    /**
     * Who asks: an organisation's key and the person it names; a natural person or the public
     * has no organisation and no key.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Requester(@JsonProperty("requesterUscc") String uscc, @JsonProperty("requesterPerson") String person,
                            @JsonProperty("requesterKey") String key) {

        public static Requester organisation(String uscc, String person, String key) {
            return new Requester(uscc, person, key);
        }

        /** A natural person or a member of the public: a name only. */
        public static Requester person(String name) {
            return new Requester(null, name, null);
        }
    }

    /**
     * What is asked for.
     *
     * @param resourceType the catalog's share type (SHARE) or open type (OPEN_APPLICATION) at submission
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Subject(String resourceCode, String resourceType, String providerUscc, Set<String> fields) {

        /** Fields of a catalog resource, as classified by {@code type} when asked for. */
        public static Subject of(CatalogResource r, String type, Set<String> fields) {
            return new Subject(r.code(), type, r.provider(), fields);
        }
    }

    /**
     * Why, and on what terms (art. 18: scenario, basis, goal, security measures, commitment).
     *
     * @param purposeCode the short code the requester gave its purpose; an approval makes code and
     *                    purpose the grant's approved purpose (the request's id when no code was given)
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Need(String purpose, String purposeCode, String scenario, String basis, String goal, String securityMeasures,
                       String commitment, String description, String contact, LocalDate periodFrom, LocalDate periodTo) {

        /** A demand or public demand: a purpose and a description of the data, no terms yet. */
        public static Need described(String purpose, String description, String contact) {
            return new Need(purpose, null, null, null, null, null, null, description, contact, null, null);
        }

        /** An open application's need: a purpose and scenario; no art. 18 terms. */
        public static Need open(String purpose, String purposeCode, String scenario, String contact, LocalDate periodFrom, LocalDate periodTo) {
            return new Need(purpose, purposeCode, scenario, null, null, null, null, null, contact, periodFrom, periodTo);
        }
    }

    /**
     * When it was filed, and whom it waits for until when.
     *
     * @param dueBy        the date the step waiting now is due by (working days); kept when closed
     * @param assigneeUscc the organisation that must act now, with {@code assigneeRole}; null when closed
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Waiting(LocalDate submittedOn, Instant submittedAt, LocalDate dueBy, String assigneeUscc, Role assigneeRole,
                          boolean routedToAgency, String routingNote) {

        /** Waiting for the organisation and role named, until {@code dueBy}. */
        public static Waiting on(LocalDate submittedOn, Instant submittedAt, LocalDate dueBy, String assigneeUscc, Role assigneeRole) {
            return new Waiting(submittedOn, submittedAt, dueBy, assigneeUscc, assigneeRole, false, null);
        }

        /** Waiting for the agency (or whoever it names), and why it was routed there. */
        public static Waiting routed(LocalDate submittedOn, Instant submittedAt, LocalDate dueBy, String assigneeUscc, Role assigneeRole,
                                     String routingNote) {
            return new Waiting(submittedOn, submittedAt, dueBy, assigneeUscc, assigneeRole, routingNote != null, routingNote);
        }

        /** Closed the day it was filed: nobody to wait for. */
        public static Waiting closedAtOnce(LocalDate submittedOn, Instant submittedAt) {
            return new Waiting(submittedOn, submittedAt, submittedOn, null, null, false, null);
        }
    }

    /** The first answer, with its reason and basis, who gave it and when. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Outcome(Decision decision, @JsonProperty("decisionReason") String reason, @JsonProperty("decisionBasis") String basis,
                          @JsonProperty("decidedAt") Instant at, @JsonProperty("decidedBy") String by) {

        public static final Outcome NONE = new Outcome(null, null, null, null, null);
    }

    /** The requester's dispute of a refusal or a missed date, and the agency's decision on it (art. 18, 26). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Dispute(@JsonProperty("disputeReason") String reason, @JsonProperty("disputedAt") Instant at,
                          @JsonProperty("disputedBy") String by, @JsonProperty("disputeDecision") Decision decision,
                          @JsonProperty("disputeComment") String comment, @JsonProperty("disputeDecidedAt") Instant decidedAt,
                          @JsonProperty("disputeDecidedBy") String decidedBy) {

        public static final Dispute NONE = new Dispute(null, null, null, null, null, null, null);
    }

    /** A request filed and waiting for its first answer. */
    public static DataRequest submitted(String id, RequestKind kind, Requester requester, Subject subject, Need need, Waiting waiting) {
        return new DataRequest(id, kind, RequestStatus.SUBMITTED, requester, subject, need, waiting, Outcome.NONE, Dispute.NONE, null, null);
    }

    /**
     * A request refused at once by the resource's classification (不予共享, art. 14; 不予开放, art. 23):
     * no one decides it, and it cannot be disputed.
     */
    public static DataRequest refusedByClassification(String id, RequestKind kind, Requester requester, Subject subject, Need need,
                                                      LocalDate today, Instant now, String reason, String basis) {
        return new DataRequest(id, kind, RequestStatus.REJECTED, requester, subject, need, Waiting.closedAtOnce(today, now),
                new Outcome(Decision.REJECT, reason, basis, now, Requests.CATALOG), Dispute.NONE, null, now);
    }

    /**
     * A natural person's application for conditionally open data (art. 26): no organisation and no
     * key; it waits first for the agency's SPECIALIST, who verifies the identity.
     */
    public static DataRequest personApplication(String id, String name, String resource, String provider, Set<String> fields,
                                                String purpose, String scenario, String contact, LocalDate submittedOn, Instant submittedAt,
                                                LocalDate dueBy, String agency) {
        return submitted(id, RequestKind.OPEN_APPLICATION, Requester.person(name), new Subject(resource, "CONDITIONAL", provider, fields),
                Need.open(purpose, null, scenario, contact, null, null), Waiting.routed(submittedOn, submittedAt, dueBy, agency,
                        Role.SPECIALIST, "a natural person: the agency verifies the identity first"));
    }

    // The flat names callers have always read; each is one part's field.

    public String requesterUscc() {
        return requester.uscc();
    }

    public String requesterPerson() {
        return requester.person();
    }

    public String requesterKey() {
        return requester.key();
    }

    public String resourceCode() {
        return subject.resourceCode();
    }

    public String resourceType() {
        return subject.resourceType();
    }

    public String providerUscc() {
        return subject.providerUscc();
    }

    public Set<String> fields() {
        return subject.fields();
    }

    public String purpose() {
        return need.purpose();
    }

    public String purposeCode() {
        return need.purposeCode();
    }

    public String scenario() {
        return need.scenario();
    }

    public String basis() {
        return need.basis();
    }

    public String goal() {
        return need.goal();
    }

    public String securityMeasures() {
        return need.securityMeasures();
    }

    public String commitment() {
        return need.commitment();
    }

    public String description() {
        return need.description();
    }

    public String contact() {
        return need.contact();
    }

    public LocalDate periodFrom() {
        return need.periodFrom();
    }

    public LocalDate periodTo() {
        return need.periodTo();
    }

    public LocalDate submittedOn() {
        return waiting.submittedOn();
    }

    public Instant submittedAt() {
        return waiting.submittedAt();
    }

    public LocalDate dueBy() {
        return waiting.dueBy();
    }

    public String assigneeUscc() {
        return waiting.assigneeUscc();
    }

    public Role assigneeRole() {
        return waiting.assigneeRole();
    }

    public boolean routedToAgency() {
        return waiting.routedToAgency();
    }

    public String routingNote() {
        return waiting.routingNote();
    }

    public Decision decision() {
        return outcome.decision();
    }

    public String decisionReason() {
        return outcome.reason();
    }

    public String decisionBasis() {
        return outcome.basis();
    }

    public Instant decidedAt() {
        return outcome.at();
    }

    public String decidedBy() {
        return outcome.by();
    }

    public String disputeReason() {
        return dispute.reason();
    }

    public Instant disputedAt() {
        return dispute.at();
    }

    public String disputedBy() {
        return dispute.by();
    }

    public Decision disputeDecision() {
        return dispute.decision();
    }

    public String disputeComment() {
        return dispute.comment();
    }

    public Instant disputeDecidedAt() {
        return dispute.decidedAt();
    }

    public String disputeDecidedBy() {
        return dispute.decidedBy();
    }
}
