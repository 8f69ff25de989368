package org.pdxhub.hub.sharing;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.pdxhub.hub.access.Caller;
import org.pdxhub.hub.today.DueItem;
import org.pdxhub.hub.today.DueItemSource;

import java.util.List;
import java.util.Locale;

/**
 * What department nodes sent up for the agency to decide, on Today at the agency's node: the
 * reviewer sees formal reviews, demands, disputes and identity checks, the specialist the identity
 * checks; each by the agency's own date, counted from its receipt here.
 */
@ApplicationScoped
public class RelayedDecisionsDue implements DueItemSource {

    @Inject
    RelayedDecisions decisions;

    @Override
    public List<DueItem> dueFor(Caller person) {
        if (!decisions.decides(person, RelayedDecisions.Stage.IDENTITY)) {
            return List.of();
        }
        return decisions.waiting(person).stream().filter(r -> decisions.decides(person, r.stage()))
                .map(r -> new DueItem("due_relayed_" + r.stage().name().toLowerCase(Locale.ROOT), r.asked().requestId(),
                        r.asked().resource() + " · " + r.asked().fromNode(),
                        r.dueBy(), "/reviews/relayed/" + r.id()))
                .toList();
    }
}
