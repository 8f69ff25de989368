package org.pdxhub.hub.sharing;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.pdxhub.hub.calendar.WorkingDayCalendar;
import org.pdxhub.hub.organisation.Organisation;
import org.pdxhub.hub.organisation.Organisations;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code pdx_requests_overdue{organisation=USCC}}: requests waiting for that organisation past
 * their date, counted from the store when scraped, so the figure is right after a restart too.
 */
@ApplicationScoped
public class RequestMetrics {

    @Inject
    MeterRegistry registry;

    @Inject
    RequestStore store;

    @Inject
    WorkingDayCalendar calendar;

    @Inject
    Organisations organisations;

    private final Set<String> tracked = ConcurrentHashMap.newKeySet();

    /** At start, for the organisations the store holds. */
    public void registerKnown() {
        organisations.list().stream().map(Organisation::uscc).forEach(this::track);
    }

    /** Makes sure the organisation has its gauge; cheap when it already has. */
    public void track(String uscc) {
        if (uscc != null && tracked.add(uscc)) {
            Gauge.builder("pdx.requests.overdue", this, m -> m.overdue(uscc))
                    .description("Requests waiting for the organisation past their due date (working days)")
                    .tag("organisation", uscc).register(registry);
        }
    }

    double overdue(String uscc) {
        return store.countOverdue(uscc, calendar.today());
    }
}
