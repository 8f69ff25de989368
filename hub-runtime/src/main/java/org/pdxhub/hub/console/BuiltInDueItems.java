package org.pdxhub.hub.console;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.pdxhub.hub.access.Agency;
import org.pdxhub.hub.access.Caller;
import org.pdxhub.hub.access.Role;
import org.pdxhub.hub.catalog.CatalogApi;
import org.pdxhub.hub.catalog.DutyChange;
import org.pdxhub.hub.catalog.ReviewItem;
import org.pdxhub.hub.complaints.Complaint;
import org.pdxhub.hub.complaints.ComplaintResource;
import org.pdxhub.hub.sharing.DemandRequestResource;
import org.pdxhub.hub.sharing.OpenApplicationResource;
import org.pdxhub.hub.sharing.RequestStatus;
import org.pdxhub.hub.sharing.RequestView;
import org.pdxhub.hub.sharing.ShareRequestResource;
import org.pdxhub.hub.today.DueItem;
import org.pdxhub.hub.today.DueItemSource;

import java.util.ArrayList;
import java.util.List;

/**
 * What the features on the node today owe a person: catalog reviews, share and demand requests,
 * open applications, disputes, catalog updates after duty changes, complaints. Read through the
 * same endpoints as the API, so a person sees only what those let them see. A feature may move
 * its part into a {@link DueItemSource} of its own.
 */
@ApplicationScoped
public class BuiltInDueItems implements DueItemSource {

    @Inject
    CatalogApi catalog;

    @Inject
    ShareRequestResource shares;

    @Inject
    DemandRequestResource demands;

    @Inject
    OpenApplicationResource openApplications;

    @Inject
    ComplaintResource complaints;

    @Inject
    Agency agency;

    @Override
    public List<DueItem> dueFor(Caller person) {
        List<DueItem> due = new ArrayList<>();
        boolean agencyReviewer = agency.isReviewer(person);
        if (agencyReviewer) {
            for (ReviewItem r : catalog.reviewQueue()) {
                due.add(new DueItem("due_catalog_review", r.code() + " " + r.name(), r.kind() + " · " + r.provider(), null,
                        "/catalog/" + r.code()));
            }
        }
        List<String> queues = new ArrayList<>();
        if (agencyReviewer) {
            queues.add("reviewer");
        }
        if (person.has(Role.SPECIALIST)) {
            queues.add("provider");
        }
        for (String queue : queues) {
            shares.list(null, queue).forEach(v -> due.add(request("share", v)));
            demands.list(null, queue).forEach(v -> due.add(request("demand", v)));
            openApplications.list(null, queue).forEach(v -> due.add(request("open", v)));
        }
        if (person.has(Role.SPECIALIST)) {
            CatalogApi.UpdatesDue updates = catalog.overdue(person.organisation());
            for (DutyChange d : concat(updates.overdue(), updates.due())) {
                due.add(new DueItem("due_duty_change", d.kind() + " #" + d.id(), d.description(), d.dueBy(), "/catalog?duty=" + d.id()));
            }
        }
        if (person.has(Role.SPECIALIST) || agencyReviewer) {
            for (Complaint c : complaints.list(true)) {
                due.add(new DueItem("due_complaint", c.subject(), c.source() + " · " + c.id(), c.dueBy(), "/reviews/complaints/" + c.id()));
            }
        }
        return due;
    }

    private static DueItem request(String kind, RequestView v) {
        var r = v.request();
        String key = r.status() == RequestStatus.DISPUTED ? "due_dispute" : "due_" + kind + "_request";
        return new DueItem(key, r.resourceCode() + " · " + r.id(), r.requesterPerson() == null ? String.valueOf(r.requesterUscc())
                : r.requesterPerson() + " · " + r.requesterUscc(), r.dueBy(), "/requests/" + kind + "/" + r.id());
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        List<T> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
