package org.pdxhub.hub.sharing;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.pdxhub.hub.access.Caller;
import org.pdxhub.hub.access.Role;
import org.pdxhub.hub.api.ProblemException;
import org.pdxhub.hub.calendar.Deadlines;
import org.pdxhub.hub.calendar.WorkingDayCalendar;
import org.pdxhub.hub.catalog.CatalogResource;
import org.pdxhub.hub.store.TimeOrderedIds;
import org.pdxhub.plugin.ShareType;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import static org.pdxhub.hub.sharing.Requests.clean;
import static org.pdxhub.hub.sharing.Requests.fields;
import static org.pdxhub.hub.sharing.Requests.required;

/**
 * Share requests (共享申请, art. 18): filed against a published resource, refused at once when it
 * is not shared, reviewed by the agency when unconditional, decided by the provider when
 * conditional; from there on the common lifecycle of {@link Requests}.
 */
@ApplicationScoped
public class ShareRequests {

    /**
     * A share request (共享申请); scenario to commitment are required for a CONDITIONAL resource.
     * The purpose, with its optional short code, becomes the grant's approved purpose.
     */
    public record ShareAsk(String resource, List<String> fields, String purpose, String person, String scenario, String basis,
                           String goal, String securityMeasures, String commitment, Requests.Period period, String purposeCode,
                           List<String> acceptedMeasures) {
    }

    @Inject
    Requests requests;

    @Inject
    RequestStore store;

    @Inject
    WorkingDayCalendar calendar;

    @Inject
    Deadlines deadlines;

    @Inject
    SecurityMeasures securityMeasures;

    @Transactional
    public DataRequest submit(ShareAsk a, Caller by) {
        return submit(a, by, RequestKind.SHARE, "SR-");
    }

    /**
     * A verification request (核验申请): the fields named are the ones whose values may be checked,
     * never read. Filed, reviewed and decided as a share request, within the same working days; on
     * a CONDITIONAL resource the provider decides it apart from any share request, so it may allow a
     * check where it refuses a copy (art. 18 最小必要, art. 36).
     */
    @Transactional
    public DataRequest submitVerification(ShareAsk a, Caller by) {
        return submit(a, by, RequestKind.VERIFICATION, "VR-");
    }

    /**
     * A statistics request (统计申请): the fields named are the declared dimensions and measures the
     * requester may group by and sum, under a privacy budget of its own, never read; filed and decided
     * as a share request, so a provider may allow counts where it refuses a copy (art. 18, 36).
     */
    @Transactional
    public DataRequest submitStatistics(ShareAsk a, Caller by) {
        return submit(a, by, RequestKind.STATISTICS, "STR-");
    }

    private DataRequest submit(ShareAsk a, Caller by, RequestKind kind, String idPrefix) {
        if (a == null) {
            throw ProblemException.badRequest("missing-body", null, "send the " + (kind == RequestKind.SHARE ? "share"
                    : kind == RequestKind.STATISTICS ? "statistics" : "verification")
                    + " request as JSON");
        }
        CatalogResource r = requests.published(a.resource());
        if (r.provider().equals(by.organisation())) {
            throw ProblemException.badRequest("own-resource", "resource", r.code() + " is your organisation's own resource: nothing to request");
        }
        Set<String> fields = fields(a.fields(), r);
        String purpose = required(a.purpose(), "purpose", "what the data is used for, within your organisation's duties (art. 19)");
        String purposeCode = Purpose.code(a.purposeCode(), "purposeCode");
        Requests.Period period = requests.period(a.period());
        String person = a.person() == null || a.person().isBlank() ? by.holder() : a.person().strip();
        Instant now = requests.now();
        LocalDate today = calendar.today();
        String id = TimeOrderedIds.next(idPrefix);
        DataRequest.Requester requester = DataRequest.Requester.organisation(by.organisation(), person, by.keyId());
        DataRequest.Need need = new DataRequest.Need(purpose, purposeCode, clean(a.scenario()), clean(a.basis()), clean(a.goal()),
                clean(a.securityMeasures()), clean(a.commitment()), null, null, period.from(), period.to());
        DataRequest req;
        Set<String> accepted = null;
        switch (r.shareType()) {
            case NONE -> req = DataRequest.refusedByClassification(id, kind, requester,
                    DataRequest.Subject.of(r, ShareType.NONE.name(), fields), need, today, now,
                    r.code() + " is classified not shared (不予共享, art. 14): it is refused at once", r.shareBasis());
            case UNCONDITIONAL -> req = DataRequest.submitted(id, kind, requester,
                    DataRequest.Subject.of(r, ShareType.UNCONDITIONAL.name(), fields), need,
                    DataRequest.Waiting.on(today, now, calendar.addWorkingDays(today, deadlines.unconditionalShareReview()),
                            requests.agency(), Role.REVIEWER));
            case CONDITIONAL -> {
                required(a.scenario(), "scenario", "the application scenario (应用场景) is required for a CONDITIONAL resource (art. 18)");
                required(a.basis(), "basis", "the basis of the need (需求依据) is required for a CONDITIONAL resource (art. 18)");
                required(a.goal(), "goal", "the business goal (业务目标) is required for a CONDITIONAL resource (art. 18)");
                required(a.securityMeasures(), "securityMeasures", "the security measures (安全保障措施) are required for a CONDITIONAL resource (art. 18)");
                commitment(a.commitment());
                accepted = securityMeasures.requireAcceptance(a.acceptedMeasures());
                req = DataRequest.submitted(id, kind, requester,
                        DataRequest.Subject.of(r, ShareType.CONDITIONAL.name(), fields), need,
                        DataRequest.Waiting.on(today, now, calendar.addWorkingDays(today, deadlines.conditionalShareDecision()),
                                r.provider(), Role.SPECIALIST));
            }
            default -> throw new IllegalStateException(r.shareType().name());
        }
        store.insert(req);
        if (accepted != null) {
            store.acceptMeasures(id, accepted);
        }
        store.step(id, now, "SUBMITTED", by.keyId(), "fields " + fields + (accepted == null ? "" : "; accepted measures " + accepted),
                req.dueBy());
        if (req.status() == RequestStatus.REJECTED) {
            store.step(id, now, "REJECTED", Requests.CATALOG, req.decisionReason() + "; basis: " + req.decisionBasis(), null);
            requests.tellRequester(req, "REQUEST_ANSWERED", "refused at once: " + r.code() + " is not shared; basis: " + r.shareBasis());
        } else {
            requests.tellAssignee(req, r.shareType() == ShareType.UNCONDITIONAL ? "SHARE_REVIEW_DUE" : "SHARE_DECISION_DUE");
            requests.toAgency(req, by);
        }
        return req;
    }

    private static void commitment(String text) {
        String c = clean(text);
        if (c == null || c.equalsIgnoreCase("false")) {
            throw ProblemException.badRequest("commitment-required", "commitment", "a CONDITIONAL request carries the requester's commitment"
                    + " that it is true, secure and compliant (承诺其真实性、安全性、合规性, art. 18)");
        }
    }
}
