package org.pdxhub.hub.reassessment;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.pdxhub.hub.access.Agency;
import org.pdxhub.hub.access.Caller;
import org.pdxhub.hub.access.Role;
import org.pdxhub.hub.today.DueItem;
import org.pdxhub.hub.today.DueItemSource;

import java.util.ArrayList;
import java.util.List;

/** Re-assessments on a person's Today: the provider's specialist when one comes due, the agency's reviewer once it is late. */
@ApplicationScoped
public class ReassessmentsDue implements DueItemSource {

    @Inject
    Reassessments reassessments;

    @Inject
    Agency agency;

    @Override
    public List<DueItem> dueFor(Caller person) {
        List<DueReassessment> due = new ArrayList<>();
        if (person.has(Role.SPECIALIST)) {
            reassessments.due(person).stream().filter(d -> d.provider().equals(person.organisation())).forEach(due::add);
        }
        if (agency.isReviewer(person)) {
            reassessments.overdue().stream().filter(d -> !due.contains(d)).forEach(due::add);
        }
        return due.stream().map(d -> new DueItem("due_reassessment", d.resource() + " " + d.name(),
                String.join(", ", d.classified()) + " · " + d.provider(), d.dueBy(), "/reviews/reassessments/" + d.resource())).toList();
    }
}
