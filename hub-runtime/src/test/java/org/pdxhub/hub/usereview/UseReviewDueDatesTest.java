package org.pdxhub.hub.usereview;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;
import org.pdxhub.hub.access.Caller;
import org.pdxhub.hub.access.Role;
import org.pdxhub.hub.sharing.GrantSource;
import org.pdxhub.hub.sharing.Grants;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Today and the reminders work out when each review of use is due from the grant and its last
 * review, without reading the usage log of every live grant: the dates must be those of the full
 * review, which reads the log. With 500 live grants, what Today asks of the feature is timed both
 * ways (printed; the figures are in the report of the change).
 */
@QuarkusTest
class UseReviewDueDatesTest {

    private static final Logger LOG = Logger.getLogger(UseReviewDueDatesTest.class);
    static final String PSB = "11513300MB0000002H";
    static final String HRSS = "11513300MB0000004P";

    @Inject
    UseReviews reviews;

    @Inject
    Grants grants;

    @Inject
    UseReviewsDue onToday;

    @Test
    void theDueDatesTodayShowsAreThoseOfTheFullReviewWith500LiveGrants() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        List<String> issued = new ArrayList<>();
        try {
            check(now, issued);
        } finally {
            // Revoked, they are no longer live: the other tests' Today is as it was.
            issued.forEach(id -> grants.revoke(id, "test"));
        }
    }

    private void check(Instant now, List<String> issued) {
        for (int i = 0; i < 500; i++) {
            // Spread over the period, so that some are due within the reminder window and some past it.
            Instant from = now.minus(Duration.ofDays(i % 200));
            issued.add(grants.issue(HRSS, "GZ-PSB-POP-001", Set.of("citizen_id", "person_name"), Set.of(), "低保资格核验 " + i, from,
                    now.plus(Duration.ofDays(365)), GrantSource.SHARE_REQUEST, "test-" + i, null, null, "test").id());
        }
        Caller provider = new Caller("demo-specialist", PSB, "人口数据专员", Set.of(Role.SPECIALIST));

        List<String> full = reviews.list(provider).stream().filter(reviews::isDue).map(r -> r.grant() + "@" + r.dueBy()).toList();
        List<String> cheap = reviews.dueFor(provider).stream().map(d -> d.grant() + "@" + d.dueBy()).toList();
        assertFalse(cheap.isEmpty(), "some of the 500 grants are due");
        assertEquals(full, cheap);
        assertEquals(reviews.overdue().stream().map(UseReport::grant).toList(),
                reviews.overdueDues().stream().map(UseReviews.Due::grant).toList());

        long before = millis(() -> reviews.list(provider).stream().filter(reviews::isDue).toList());
        long after = millis(() -> reviews.dueFor(provider));
        long today = millis(() -> onToday.dueFor(provider));
        LOG.infof("Reviews of use due (%d) among 500 live grants: %d ms reading the usage log of each, %d ms from grants and last reviews;"
                + " the reviews of use on the provider's Today: %d ms", reviews.dueFor(null).size(), before, after, today);
    }

    private static long millis(Supplier<?> work) {
        work.get(); // warm
        long start = System.nanoTime();
        for (int i = 0; i < 3; i++) {
            work.get();
        }
        return (System.nanoTime() - start) / 3_000_000;
    }
}
