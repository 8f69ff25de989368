package org.pdxhub.hub.supervision.corrections;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.pdxhub.hub.access.Agency;
import org.pdxhub.hub.access.Caller;
import org.pdxhub.hub.access.Role;
import org.pdxhub.hub.today.DueItem;
import org.pdxhub.hub.today.DueItemSource;

import java.util.ArrayList;
import java.util.List;

/** Corrections to answer, on Today: the provider's specialist, and the agency's reviewer once one is late. */
@ApplicationScoped
public class CorrectionsDue implements DueItemSource {

    @Inject
    Corrections corrections;

    @Inject
    Agency agency;

    @Override
    public List<DueItem> dueFor(Caller person) {
        List<Correction> due = new ArrayList<>();
        if (person.has(Role.SPECIALIST)) {
            corrections.list(person, false).stream()
                    .filter(c -> c.status() == Correction.Status.OPEN && c.provider().equals(person.organisation()))
                    .forEach(due::add);
        }
        if (agency.isReviewer(person)) {
            corrections.list(person, true).stream().filter(c -> !due.contains(c)).forEach(due::add);
        }
        // The problem as filed is the filer's words about a record; the Today line shows only where it points.
        return due.stream().map(c -> new DueItem("due_correction", c.resource() + " · " + c.id(), c.filedBy(), c.dueBy(),
                "/catalog/" + c.resource())).toList();
    }
}
