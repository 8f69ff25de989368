package org.pdxhub.hub.sharing;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.pdxhub.hub.access.Agency;
import org.pdxhub.hub.access.Caller;
import org.pdxhub.hub.access.Role;
import org.pdxhub.hub.today.DueItem;
import org.pdxhub.hub.today.DueItemSource;

import java.util.ArrayList;
import java.util.List;

/** Approved demands still to be served, on Today: the provider's specialist, and the agency's reviewer once one is late. */
@ApplicationScoped
public class DemandFollowUpsDue implements DueItemSource {

    @Inject
    DemandFollowUps followUps;

    @Inject
    Agency agency;

    @Override
    public List<DueItem> dueFor(Caller person) {
        List<DemandFollowUp> due = new ArrayList<>();
        if (person.has(Role.SPECIALIST)) {
            followUps.list(person, true).stream().filter(f -> f.provider().equals(person.organisation())).forEach(due::add);
        }
        if (agency.isReviewer(person)) {
            followUps.overdue().stream().filter(f -> !due.contains(f)).forEach(due::add);
        }
        return due.stream().map(f -> new DueItem("due_demand_follow_up", f.request(), f.description() + " · " + f.requester(),
                f.dueBy(), "/reviews/follow-ups/" + f.request())).toList();
    }
}
