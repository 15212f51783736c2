package io.eliot.core.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * eliot-core's packages only look down. From the bottom: {@code settings} and {@code exception}
 * (no dependency on other core packages), {@code internal} (utilities), {@code record} (what a
 * message is), {@code serialization} and {@code parse}, {@code destination}, {@code
 * internal.registry} (the destinations registry), the root package (the {@code Eliot} facade and
 * the live model: actions, messages, typed messages, context), and {@code reactor} and {@code
 * slf4j} on top: the Reactor and context-propagation adapters and the SLF4J MDC bridge, built on the
 * root package's public API only, so that nothing else in core loads the optional libraries they
 * need (SLF4J: only they and {@code Slf4jDestination}).
 */
class PackageLayersTest {

    private static final String CORE = "io.eliot.core";

    static {
        // ArchUnit reports each class it reads at DEBUG, logback's default level: thousands of lines.
        ((Logger) LoggerFactory.getLogger("com.tngtech.archunit")).setLevel(Level.INFO);
    }

    private static final JavaClasses MAIN_CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(CORE);

    /** Every package of eliot-core is a slice of its own, the root package included. */
    static final SliceAssignment EACH_PACKAGE = new SliceAssignment() {
        @Override
        public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
            String name = javaClass.getPackageName();
            if (name.equals(CORE)) {
                return SliceIdentifier.of("(root)");
            }
            return name.startsWith(CORE + ".")
                    ? SliceIdentifier.of(name.substring(CORE.length() + 1))
                    : SliceIdentifier.ignore();
        }

        @Override
        public String getDescription() {
            return "each package of " + CORE;
        }
    };

    @Test
    void theReactorAdaptersUseOnlyThePublicRootPackage() {
        noClasses()
                .that()
                .resideInAPackage(CORE + ".reactor")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(CORE + ".internal..", CORE + ".settings", CORE + ".destination")
                .check(MAIN_CLASSES);
    }

    @Test
    void theMdcBridgeUsesOnlyThePublicRootPackage() {
        noClasses()
                .that()
                .resideInAPackage(CORE + ".slf4j")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(CORE + ".internal..", CORE + ".settings", CORE + ".destination", CORE + ".reactor")
                .check(MAIN_CLASSES);
    }

    @Test
    void onlyTheMdcBridgeAndTheSlf4jDestinationUseSlf4j() {
        noClasses()
                .that()
                .resideOutsideOfPackage(CORE + ".slf4j")
                .and()
                .doNotHaveFullyQualifiedName(CORE + ".destination.Slf4jDestination")
                .and()
                .doNotHaveFullyQualifiedName(CORE + ".destination.Slf4jDestination$Builder")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("org.slf4j..")
                .check(MAIN_CLASSES);
    }

    @Test
    void packagesAreFreeOfCycles() {
        slices().assignedFrom(EACH_PACKAGE).should().beFreeOfCycles().check(MAIN_CLASSES);
    }

    @Test
    void eachLayerIsUsedOnlyByTheLayersAboveIt() {
        layeredArchitecture()
                .consideringOnlyDependenciesInLayers()
                .layer("Settings")
                .definedBy(CORE + ".settings")
                .layer("Exception")
                .definedBy(CORE + ".exception")
                .layer("Internal")
                .definedBy(CORE + ".internal")
                .layer("Record")
                .definedBy(CORE + ".record")
                .layer("Serialization")
                .definedBy(CORE + ".serialization")
                .layer("Parse")
                .definedBy(CORE + ".parse")
                .layer("Destination")
                .definedBy(CORE + ".destination")
                .layer("Registry")
                .definedBy(CORE + ".internal.registry")
                .layer("Root")
                .definedBy(CORE)
                .layer("Reactor")
                .definedBy(CORE + ".reactor")
                .layer("Slf4j")
                .definedBy(CORE + ".slf4j")
                .whereLayer("Reactor")
                .mayNotBeAccessedByAnyLayer()
                .whereLayer("Slf4j")
                .mayNotBeAccessedByAnyLayer()
                .whereLayer("Root")
                .mayOnlyBeAccessedByLayers("Reactor", "Slf4j")
                .whereLayer("Registry")
                .mayOnlyBeAccessedByLayers("Root")
                .whereLayer("Destination")
                .mayOnlyBeAccessedByLayers("Registry", "Root")
                .whereLayer("Parse")
                .mayOnlyBeAccessedByLayers("Root")
                .whereLayer("Serialization")
                .mayOnlyBeAccessedByLayers("Destination", "Registry", "Root")
                .whereLayer("Record")
                .mayOnlyBeAccessedByLayers("Serialization", "Parse", "Destination", "Registry", "Root", "Slf4j")
                .whereLayer("Internal")
                .mayOnlyBeAccessedByLayers("Record", "Serialization", "Parse", "Destination", "Registry", "Root")
                .check(MAIN_CLASSES);
    }
}
