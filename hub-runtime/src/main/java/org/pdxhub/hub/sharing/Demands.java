package org.pdxhub.hub.sharing;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.pdxhub.hub.access.Caller;
import org.pdxhub.hub.access.Role;
import org.pdxhub.hub.api.ProblemException;
import org.pdxhub.hub.calendar.Deadlines;
import org.pdxhub.hub.calendar.WorkingDayCalendar;
import org.pdxhub.hub.catalog.Catalog;
import org.pdxhub.hub.catalog.CatalogResource;
import org.pdxhub.hub.catalog.ResourceStatus;
import org.pdxhub.hub.organisation.Organisation;
import org.pdxhub.hub.organisation.Organisations;
import org.pdxhub.hub.store.TimeOrderedIds;
import org.pdxhub.plugin.OpenType;

import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.pdxhub.hub.sharing.Requests.clean;
import static org.pdxhub.hub.sharing.Requests.required;

/**
 * Demands for data not in the catalog (需求申请, art. 21) and the public's demands for data not
 * yet open (art. 27): to the provider, or through the agency when it crosses levels or regions
 * or the provider is unknown here.
 */
@ApplicationScoped
public class Demands {

    /** A demand for data not in the catalog (需求申请), to the organisation that holds it. */
    public record DemandAsk(String provider, String description, List<String> fields, String purpose, String person) {
    }

    /** The public asks for data not yet open (art. 27): no key, so no organisation. */
    public record PublicDemandAsk(String name, String contact, String resource, String provider, String description, String purpose) {
    }

    @Inject
    Requests requests;

    @Inject
    RequestStore store;

    @Inject
    Catalog catalog;

    @Inject
    Organisations organisations;

    @Inject
    WorkingDayCalendar calendar;

    @Inject
    Deadlines deadlines;

    @Transactional
    public DataRequest submit(DemandAsk a, Caller by) {
        if (a == null) {
            throw ProblemException.badRequest("missing-body", null, "send the demand as JSON");
        }
        organisations.checkUscc(a.provider(), "provider");
        String description = required(a.description(), "description", "describe the data asked for: what it is and which items");
        String purpose = required(a.purpose(), "purpose", "what the data is used for, within your organisation's duties");
        Organisation requester = organisations.require(by.organisation(), "organisation");
        if (a.provider().equals(by.organisation())) {
            throw ProblemException.badRequest("own-organisation", "provider", "the provider is your own organisation");
        }
        String routing = crossing(requester, organisations.find(a.provider()).orElse(null), a.provider());
        Set<String> fields = a.fields() == null ? null : a.fields().stream().filter(Objects::nonNull).map(String::strip)
                .filter(s -> !s.isEmpty()).collect(Collectors.toCollection(LinkedHashSet::new));
        String person = a.person() == null || a.person().isBlank() ? by.holder() : a.person().strip();
        Instant now = requests.now();
        LocalDate today = calendar.today();
        String id = TimeOrderedIds.next("DR-");
        DataRequest req = DataRequest.submitted(id, RequestKind.DEMAND, DataRequest.Requester.organisation(by.organisation(), person,
                        by.keyId()), new DataRequest.Subject(null, null, a.provider(), fields), DataRequest.Need.described(purpose, description, null),
                DataRequest.Waiting.routed(today, now, calendar.addWorkingDays(today, deadlines.demandResponse()),
                        routing == null ? a.provider() : requests.agency(), routing == null ? Role.SPECIALIST : Role.REVIEWER, routing));
        store.insert(req);
        store.step(id, now, "SUBMITTED", by.keyId(), routing == null ? null : "routed to the agency reviewer: " + routing, req.dueBy());
        requests.tellAssignee(req, "DEMAND_RESPONSE_DUE");
        requests.toAgency(req, by);
        return req;
    }

    @Transactional
    public DataRequest submitPublic(PublicDemandAsk a) {
        if (a == null) {
            throw ProblemException.badRequest("missing-body", null, "send the demand as JSON");
        }
        String description = required(a.description(), "description", "describe the data you would like opened");
        String provider = clean(a.provider());
        String code = clean(a.resource());
        if (code != null) {
            CatalogResource r = catalog.find(code).filter(c -> c.status() == ResourceStatus.PUBLISHED)
                    .orElseThrow(() -> ProblemException.badRequest("unknown-resource", "resource", "no published resource '" + code
                            + "'; leave resource out and describe the data instead"));
            if (r.openType() == OpenType.UNCONDITIONAL) {
                throw ProblemException.badRequest("already-open", "resource", code + " is already open: download it at /api/v1/open/resources/"
                        + code + "/data");
            }
            provider = r.provider();
        }
        boolean known = provider != null && organisations.find(provider).isPresent();
        String routing = known ? null : provider == null ? "no provider named: the agency finds who holds the data"
                : "provider " + provider + " is not registered on this node: the agency coordinates";
        Instant now = requests.now();
        LocalDate today = calendar.today();
        String name = clean(a.name());
        // All a member of the public holds to follow the demand (GET /api/v1/open/demands/{id}, no key):
        // a credential, so wholly random (122 bits), not time-ordered as the node's other ids; there are few of them.
        String id = "PD-" + UUID.randomUUID();
        DataRequest req = DataRequest.submitted(id, RequestKind.PUBLIC_DEMAND, DataRequest.Requester.person(name == null ? "public" : name),
                new DataRequest.Subject(code, null, provider, null), DataRequest.Need.described(clean(a.purpose()) == null
                        ? "public demand for data not yet open" : clean(a.purpose()), description, clean(a.contact())),
                DataRequest.Waiting.routed(today, now, calendar.addWorkingDays(today, deadlines.demandResponse()),
                        known ? provider : requests.agency(), known ? Role.SPECIALIST : Role.REVIEWER, routing));
        store.insert(req);
        store.step(id, now, "SUBMITTED", "public", routing, req.dueBy());
        requests.tellAssignee(req, "PUBLIC_DEMAND_DUE");
        requests.toAgency(req, null);
        return req;
    }

    /** Why a demand goes through the agency (art. 21 para. 2), or null when the provider answers it directly. */
    private static String crossing(Organisation requester, Organisation provider, String providerUscc) {
        if (provider == null) {
            return "provider " + providerUscc + " is not registered on this node (another region or level): the agency coordinates (art. 21)";
        }
        if (provider.level() != requester.level()) {
            return "crosses levels (" + requester.level() + " → " + provider.level() + "): the agency coordinates (art. 21)";
        }
        if (!Objects.equals(provider.regionCode(), requester.regionCode())) {
            return "crosses regions (" + requester.regionCode() + " → " + provider.regionCode() + "): the agency coordinates (art. 21)";
        }
        return null;
    }
}
