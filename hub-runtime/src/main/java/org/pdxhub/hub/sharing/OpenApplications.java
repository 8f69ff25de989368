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
import org.pdxhub.plugin.OpenType;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import static org.pdxhub.hub.sharing.Requests.clean;
import static org.pdxhub.hub.sharing.Requests.fields;
import static org.pdxhub.hub.sharing.Requests.required;

/**
 * Organisations' applications for conditionally open data (开放申请, art. 26): refused at once
 * when the resource is not open, decided by the provider otherwise; natural persons apply
 * through {@link PersonApplications}.
 */
@ApplicationScoped
public class OpenApplications {

    /** An application for conditionally open data (开放申请); the purpose becomes the grant's, as for a share request. */
    public record OpenAsk(String resource, List<String> fields, String purpose, String person, String scenario, Requests.Period period,
                          String purposeCode) {
    }

    @Inject
    Requests requests;

    @Inject
    RequestStore store;

    @Inject
    WorkingDayCalendar calendar;

    @Inject
    Deadlines deadlines;

    @Transactional
    public DataRequest submit(OpenAsk a, Caller by) {
        if (a == null) {
            throw ProblemException.badRequest("missing-body", null, "send the application as JSON");
        }
        CatalogResource r = requests.published(a.resource());
        if (r.openType() == OpenType.UNCONDITIONAL) {
            throw ProblemException.badRequest("open-without-conditions", "resource", r.code()
                    + " is open without conditions: download it at /api/v1/open/resources/" + r.code() + "/data, no application needed");
        }
        Set<String> fields = fields(a.fields(), r);
        String purpose = required(a.purpose(), "purpose", "what the data will be used for (art. 26)");
        String purposeCode = Purpose.code(a.purposeCode(), "purposeCode");
        Requests.Period period = requests.period(a.period());
        String person = a.person() == null || a.person().isBlank() ? by.holder() : a.person().strip();
        Instant now = requests.now();
        LocalDate today = calendar.today();
        String id = TimeOrderedIds.next("OA-");
        DataRequest.Requester requester = DataRequest.Requester.organisation(by.organisation(), person, by.keyId());
        DataRequest.Need need = DataRequest.Need.open(purpose, purposeCode, clean(a.scenario()), null, period.from(), period.to());
        DataRequest req;
        if (r.openType() == OpenType.NONE) {
            req = DataRequest.refusedByClassification(id, RequestKind.OPEN_APPLICATION, requester,
                    DataRequest.Subject.of(r, OpenType.NONE.name(), fields), need, today, now,
                    r.code() + " is classified not open (不予开放, art. 23): it is refused at once", r.openBasis());
        } else {
            req = DataRequest.submitted(id, RequestKind.OPEN_APPLICATION, requester,
                    DataRequest.Subject.of(r, OpenType.CONDITIONAL.name(), fields), need,
                    DataRequest.Waiting.on(today, now, calendar.addWorkingDays(today, deadlines.openApplication()), r.provider(),
                            Role.SPECIALIST));
        }
        store.insert(req);
        store.step(id, now, "SUBMITTED", by.keyId(), "fields " + fields, req.dueBy());
        if (req.status() == RequestStatus.REJECTED) {
            store.step(id, now, "REJECTED", Requests.CATALOG, req.decisionReason() + "; basis: " + req.decisionBasis(), null);
            requests.tellRequester(req, "REQUEST_ANSWERED", "refused at once: " + r.code() + " is not open; basis: " + r.openBasis());
        } else {
            requests.tellAssignee(req, "OPEN_APPLICATION_DUE");
        }
        return req;
    }
}
