package org.pdxhub.hub.startup;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.junit.jupiter.api.Test;
import org.pdxhub.hub.catalog.Catalog;
import org.pdxhub.hub.catalog.ResourceStatus;
import org.pdxhub.hub.exchange.QueueIngest;
import org.pdxhub.hub.messaging.BrokerAcceptors;
import org.pdxhub.hub.store.Store;

import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The start of a real node (store, broker, cluster, Camel) went in the declared order. */
@QuarkusTest
class StartupOrderTest {

    @Inject
    StartupSequence sequence;

    @Inject
    Store store;

    @Inject
    BrokerAcceptors acceptors;

    @Inject
    CamelContext camel;

    @Inject
    QueueIngest queueIngest;

    @Inject
    Catalog catalog;

    @Test
    void everyStepRanOnceAfterTheStepsItNeeds() {
        List<StartupSequence.Ran> ran = sequence.ran();
        assertEquals(List.of(Step.values()), ran.stream().map(StartupSequence.Ran::step).toList());
        Map<Step, StartupSequence.Ran> byStep = byStep(ran);
        for (StartupSequence.Ran r : ran) {
            for (Step before : r.step().after()) {
                assertFalse(r.began().isBefore(byStep.get(before).ended()), r.step() + " began " + r.began() + ", before " + before
                        + " ended " + byStep.get(before).ended());
            }
        }
    }

    @Test
    void theBrokerTakesNoLoginBeforeTheStoreIsOpenAndTheSeedsKeysAreIn() {
        Map<Step, StartupSequence.Ran> byStep = byStep(sequence.ran());
        assertNotNull(acceptors.openedAt());
        assertFalse(acceptors.openedAt().isBefore(store.openedAt()), "acceptors " + acceptors.openedAt() + ", store " + store.openedAt());
        assertFalse(acceptors.openedAt().isBefore(byStep.get(Step.SEED).ended()),
                "acceptors " + acceptors.openedAt() + ", seed " + byStep.get(Step.SEED).ended());
    }

    @Test
    void noQueueOfOtherNodesOrDepartmentsIsConsumedBeforeTheCatalogIsInTheCluster() {
        Instant catalogInCluster = byStep(sequence.ran()).get(Step.CATALOG).ended();
        List<Route> consumers = camel.getRoutes().stream()
                .filter(r -> r.getRouteId().equals("pdx-link-in") || r.getRouteId().startsWith("pdx-verify-")).toList();
        assertTrue(consumers.size() >= 2, "the link-in route and a verification queue per published resource: " + consumers);
        List<String> published = catalog.list(ResourceStatus.PUBLISHED, null, null, null).stream().map(r -> r.code()).toList();
        assertFalse(published.isEmpty());
        for (String code : published) {
            Instant opened = queueIngest.openedAt(code).orElseThrow(() -> new AssertionError("pdx.in." + code + " is not open"));
            assertFalse(opened.isBefore(catalogInCluster), "pdx.in." + code + " opened " + opened + ", the catalog was in the cluster at "
                    + catalogInCluster);
        }
        Instant now = Instant.now();
        for (Route r : consumers) {
            // A route's uptime is counted in whole milliseconds from its start.
            Instant startedAt = now.minusMillis(r.getUptimeMillis() + 1);
            assertFalse(startedAt.plusMillis(2).isBefore(catalogInCluster), r.getRouteId() + " started " + startedAt
                    + ", the catalog was in the cluster at " + catalogInCluster);
        }
    }

    private static Map<Step, StartupSequence.Ran> byStep(List<StartupSequence.Ran> ran) {
        Map<Step, StartupSequence.Ran> m = new EnumMap<>(Step.class);
        ran.forEach(r -> m.put(r.step(), r));
        return m;
    }
}
