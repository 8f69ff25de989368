package org.pdxhub.hub.console;

import io.quarkus.test.common.WithTestResource;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;

/**
 * Launches Keycloak for the tests that run with {@link KeycloakProvider}, when the test plan holds one, once the first
 * test class has run, so that its start (35 to 65 s of a two-core machine) runs beside the tests that come next
 * instead of while the suite waits for it: Quarkus orders the classes by profile, and these come after the default
 * profile's hundred.
 * {@link KeycloakProvider} finds it through system properties, which every class loader of the test JVM sees, and
 * waits only for its answer. Registered in META-INF/services; stops Keycloak when the plan has run.
 */
public class KeycloakStartsEarly implements TestExecutionListener {

    private Process keycloak;
    private boolean wanted;

    @Override
    public void testPlanExecutionStarted(TestPlan plan) {
        wanted = System.getenv("KEYCLOAK_TEST_PORT") == null && KeycloakProvider.available() && runsWithKeycloak(plan);
    }

    /**
     * Launches it when the first test class has run, not when the plan starts: until then both cores build the
     * Quarkus applications of the plan's profiles, and a Keycloak starting beside that slowed them (CI at 7f30d18:
     * the first application started after 202 s instead of 154 s); the tests after it wait on I/O and timers often
     * enough.
     */
    @Override
    public void executionFinished(TestIdentifier id, TestExecutionResult result) {
        if (!wanted || !(id.getSource().orElse(null) instanceof ClassSource)) {
            return;
        }
        wanted = false;
        if (System.getProperty(KeycloakProvider.LAUNCHED_ITSELF) != null) {
            return; // the first class ran with Keycloak, which its provider launched
        }
        try {
            int port = KeycloakProvider.freePort();
            Instant launched = Instant.now();
            keycloak = KeycloakProvider.launch(port);
            Process launchedHere = keycloak;
            // Also when the test JVM ends without finishing the plan (a fork killed on timeout, say).
            Runtime.getRuntime().addShutdownHook(new Thread(() -> KeycloakProvider.stop(launchedHere), "keycloak-stop"));
            System.setProperty(KeycloakProvider.EARLY_PORT, Integer.toString(port));
            System.setProperty(KeycloakProvider.EARLY_PID, Long.toString(keycloak.pid()));
            System.setProperty(KeycloakProvider.EARLY_AT, launched.toString());
        } catch (IOException | RuntimeException e) {
            // KeycloakProvider launches it itself then, as it would without this listener.
            System.out.println("Keycloak not launched early: " + e);
        }
    }

    @Override
    public void testPlanExecutionFinished(TestPlan plan) {
        if (keycloak != null) {
            KeycloakProvider.stop(keycloak);
            keycloak = null;
        }
    }

    private static boolean runsWithKeycloak(TestPlan plan) {
        Deque<TestIdentifier> pending = new ArrayDeque<>(plan.getRoots());
        while (!pending.isEmpty()) {
            TestIdentifier id = pending.pop();
            TestSource source = id.getSource().orElse(null);
            if (source instanceof ClassSource c && withKeycloak(c.getClassName())) {
                return true;
            }
            pending.addAll(plan.getChildren(id));
        }
        return false;
    }

    private static boolean withKeycloak(String className) {
        try {
            Class<?> test = Class.forName(className, false, KeycloakStartsEarly.class.getClassLoader());
            return Arrays.stream(test.getAnnotationsByType(WithTestResource.class)).anyMatch(r -> r.value() == KeycloakProvider.class);
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
