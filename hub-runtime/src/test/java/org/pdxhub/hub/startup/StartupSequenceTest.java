package org.pdxhub.hub.startup;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import io.quarkus.runtime.Startup;
import io.quarkus.runtime.StartupEvent;
import org.junit.jupiter.api.Test;
import org.pdxhub.hub.node.StartupRefused;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.LockSupport;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The order of a node's start, as declared: what each step waits for, and that nothing starts outside it. */
class StartupSequenceTest {

    @Test
    void aStepWhosePreconditionHasNotRunIsRefusedBeforeItDoesAnything() {
        StartupSequence sequence = new StartupSequence();
        sequence.clock = Clock.systemUTC();
        List<Step> didWork = new ArrayList<>();
        Map<Step, Runnable> actions = new EnumMap<>(Step.class);
        for (Step s : Step.values()) {
            actions.put(s, () -> didWork.add(s));
        }
        // The acceptors moved before the store: a login would reach a store still opening.
        List<Step> order = new ArrayList<>(List.of(Step.values()));
        order.remove(Step.ACCEPTORS);
        order.add(0, Step.ACCEPTORS);

        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> sequence.run(order, actions));

        assertTrue(refused.getMessage().contains("ACCEPTORS would run before [STORE, SEED, OWNER_QUEUES, LOGINS]"), refused.getMessage());
        assertEquals(List.of(), didWork);
    }

    @Test
    void aStepLeftOutStopsTheStepsThatNeedIt() {
        StartupSequence sequence = new StartupSequence();
        sequence.clock = Clock.systemUTC();
        Map<Step, Runnable> actions = new EnumMap<>(Step.class);
        for (Step s : Step.values()) {
            actions.put(s, () -> { });
        }
        List<Step> order = new ArrayList<>(List.of(Step.values()));
        order.remove(Step.CATALOG);

        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> sequence.run(order, actions));

        assertTrue(refused.getMessage().contains("ROUTES_FILES would run before [CATALOG]"), refused.getMessage());
    }

    @Test
    void aRefusedStepWaitsForTheServicesStillStartingBesideIt() {
        StartupSequence sequence = new StartupSequence();
        sequence.clock = Clock.systemUTC();
        sequence.foundations = new Foundations();
        // The store still migrating on its own thread when a step refuses the start: the shutdown
        // that follows would close the datasource under it.
        CompletableFuture<Duration> store = CompletableFuture.supplyAsync(() -> {
            LockSupport.parkNanos(Duration.ofMillis(400).toNanos());
            return Duration.ofMillis(400);
        });
        sequence.foundations.starts.put(Step.STORE, store);
        Map<Step, Runnable> actions = new EnumMap<>(Step.class);
        for (Step s : Step.values()) {
            actions.put(s, () -> { });
        }
        actions.put(Step.SETTINGS, () -> {
            throw new StartupRefused("pdx.node.agency", "refused for the test");
        });

        StartupRefused refused = assertThrows(StartupRefused.class, () -> sequence.run(List.of(Step.values()), actions));

        assertEquals("pdx.node.agency", refused.key());
        assertTrue(store.isDone(), "the refusal is raised only once the store's start has finished");
    }

    @Test
    void theStepsThatGuardTheNodeWaitForWhatTheyNeed() {
        // Periodic jobs (deadlines, the usage log's witness...) never run on a node still starting.
        assertEquals(Step.SCHEDULED_JOBS, Step.values()[Step.values().length - 1]);
        // Broker logins are checked against keys in the store: never before it is open and seeded.
        assertTrue(Step.ACCEPTORS.after().containsAll(List.of(Step.STORE, Step.SEED, Step.OWNER_QUEUES, Step.LOGINS)));
        assertTrue(Step.LOGINS.after().containsAll(List.of(Step.STORE, Step.SEED)));
        // A message taken before the catalog is in the cluster's map would be refused as unpublished.
        assertTrue(Step.LINK_IN.after().contains(Step.CATALOG));
        assertTrue(Step.INGEST_QUEUES.after().contains(Step.CATALOG));
        assertTrue(Step.CONNECTORS.after().containsAll(List.of(Step.CATALOG, Step.INGEST_QUEUES)));
        assertTrue(Step.CATALOG.after().containsAll(List.of(Step.STORE, Step.CLUSTER)));
        for (Step step : Step.values()) {
            for (Step before : step.after()) {
                assertTrue(before.ordinal() < step.ordinal(), step + " is declared before " + before + ", which it needs");
            }
        }
    }

    @Test
    void noBeanOfTheNodeStartsOutsideTheSequence() {
        JavaClasses hub = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.pdxhub.hub");
        ArchRule rule = noClasses().that().resideOutsideOfPackage("org.pdxhub.hub.startup..")
                .should().dependOnClassesThat().belongToAnyOf(StartupEvent.class, Startup.class)
                .because("what runs at start, and in which order, is read in one place: StartupSequence and its Step list");
        rule.check(hub);
    }
}
