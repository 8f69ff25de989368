package org.pdxhub.hub;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.stream.Stream;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * How the node's packages may depend on each other. Packages are by feature; below the features
 * sit the infrastructure packages (the store, the broker, the cluster, the node's configuration
 * and identity, signing, the calendar) and a small kernel every package may use (problem details,
 * who is calling). Infrastructure knows nothing of the features it carries: where it needs one
 * (which organisation publishes a resource, which bridges to configure) it asks through an
 * interface of its own that the feature implements. Connectors and plugins see the node only
 * through their APIs.
 */
class LayeringTest {

    /** Carry the features; never import one. */
    static final String[] INFRASTRUCTURE = {
            "org.pdxhub.hub.store..", "org.pdxhub.hub.messaging..", "org.pdxhub.hub.cluster..",
            "org.pdxhub.hub.node..", "org.pdxhub.hub.signing..", "org.pdxhub.hub.calendar.."};

    /** Problem details and the caller's identity: used everywhere, built on infrastructure only. */
    static final String[] KERNEL = {"org.pdxhub.hub.api..", "org.pdxhub.hub.access.."};

    static JavaClasses hub;
    static JavaClasses extensions;

    @BeforeAll
    static void importClasses() {
        hub = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.pdxhub.hub");
        extensions = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.pdxhub.connector", "org.pdxhub.plugin", "org.pdxhub.plugins");
    }

    @Test
    void noPackageOfTheNodeDependsOnItselfThroughAnother() {
        ArchRule rule = slices().matching("org.pdxhub.hub.(*)..").should().beFreeOfCycles();
        rule.check(hub);
    }

    @Test
    void infrastructureNeverImportsAFeature() {
        ArchRule rule = noClasses().that().resideInAnyPackage(INFRASTRUCTURE)
                .should().dependOnClassesThat(residesInAFeature())
                .because("a feature builds on the store, the broker, the cluster and the node's configuration, never the other way");
        rule.check(hub);
    }

    @Test
    void theKernelNeverImportsAFeature() {
        ArchRule rule = noClasses().that().resideInAnyPackage(KERNEL)
                .should().dependOnClassesThat(residesInAFeature())
                .because("problem details and callers are used by every feature, so they cannot use one");
        rule.check(hub);
    }

    @Test
    void theNodesConfigurationAndIdentityIsALeaf() {
        ArchRule rule = noClasses().that().resideInAPackage("org.pdxhub.hub.node..")
                .should().dependOnClassesThat(resideInTheHubOutside("org.pdxhub.hub.node"))
                .because("every package reads the node's configuration; starting the node up is the startup package's");
        rule.check(hub);
    }

    @Test
    void connectorsAndPluginsSeeTheNodeOnlyThroughTheirApis() {
        ArchRule rule = noClasses().should().dependOnClassesThat().resideInAPackage("org.pdxhub.hub..")
                .because("a connector or plugin is built against connector-api or plugin-api, not the node's internals");
        rule.check(extensions);
    }

    private static DescribedPredicate<JavaClass> residesInAFeature() {
        return DescribedPredicate.describe("reside in a feature package", c -> {
            String p = c.getPackageName();
            return p.startsWith("org.pdxhub.hub.") && Stream.concat(Stream.of(INFRASTRUCTURE), Stream.of(KERNEL))
                    .map(s -> s.substring(0, s.length() - 2))
                    .noneMatch(s -> p.equals(s) || p.startsWith(s + "."));
        });
    }

    private static DescribedPredicate<JavaClass> resideInTheHubOutside(String pkg) {
        return DescribedPredicate.describe("reside in the hub outside " + pkg, c -> {
            String p = c.getPackageName();
            return p.startsWith("org.pdxhub.hub.") && !p.equals(pkg) && !p.startsWith(pkg + ".");
        });
    }
}
