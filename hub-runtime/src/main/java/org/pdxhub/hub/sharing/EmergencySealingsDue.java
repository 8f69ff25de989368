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

/** Ended emergency grants on Today (art. 38): the holder's specialist until it confirms deletion or sealing, the agency once late. */
@ApplicationScoped
public class EmergencySealingsDue implements DueItemSource {

    @Inject
    EmergencyGrants emergencies;

    @Inject
    Agency agency;

    @Override
    public List<DueItem> dueFor(Caller person) {
        List<EmergencyGrants.Sealing> due = new ArrayList<>();
        if (person.has(Role.SPECIALIST)) {
            due.addAll(emergencies.unconfirmed(person.organisation()));
        }
        if (agency.isReviewer(person)) {
            emergencies.unconfirmedOverdue().stream().filter(s -> due.stream().noneMatch(d -> d.grantId().equals(s.grantId())))
                    .forEach(due::add);
        }
        return due.stream().map(s -> new DueItem("due_emergency_sealing", s.resource() + " · " + s.grantId(),
                s.holder() + " · " + s.records() + " records", s.confirmationDueBy(), "/reviews/sealing/" + s.grantId())).toList();
    }
}
