package org.pdxhub.hub.usereview;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.pdxhub.hub.access.Agency;
import org.pdxhub.hub.access.Caller;
import org.pdxhub.hub.access.Role;
import org.pdxhub.hub.today.DueItem;
import org.pdxhub.hub.today.DueItemSource;

import java.util.ArrayList;
import java.util.List;

/** Reviews of use on a person's Today: the holder's and provider's specialists when one comes due, the agency once it is late. */
@ApplicationScoped
public class UseReviewsDue implements DueItemSource {

    @Inject
    UseReviews reviews;

    @Inject
    Agency agency;

    @Override
    public List<DueItem> dueFor(Caller person) {
        List<UseReviews.Due> due = new ArrayList<>();
        if (agency.isReviewer(person)) {
            due.addAll(reviews.overdueDues());
        } else if (person.has(Role.SPECIALIST)) {
            due.addAll(reviews.dueFor(person));
        }
        // The flags and counts are on the review's page: working them out here would read the usage log of every grant.
        return due.stream().map(r -> new DueItem("due_use_review", r.resource() + " · " + r.grant(), r.holder() + " · " + r.purpose(),
                r.dueBy(), "/reviews/use/" + r.grant())).toList();
    }
}
