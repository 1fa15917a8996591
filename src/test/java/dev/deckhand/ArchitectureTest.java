package dev.deckhand;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** Keeps the SDKs at the edges: handlers speak Deckhand's own types. */
class ArchitectureTest {

    /** Reads only Deckhand's compiled classes; scanning every jar on the test classpath took ~20 s. */
    private static final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPath(Path.of("target/classes"));

    @Test
    void importsDeckhandsOwnClasses() {
        org.assertj.core.api.Assertions.assertThat(classes.contain("dev.deckhand.aws.AwsClients")).isTrue();
        org.assertj.core.api.Assertions.assertThat(classes.size()).isGreaterThan(100);
    }

    @Test
    void onlyAwsPackage_usesTheAwsSdk() {
        noClasses().that().resideOutsideOfPackage("dev.deckhand.aws..")
                .should().dependOnClassesThat().resideInAPackage("software.amazon..")
                .check(classes);
    }

    @Test
    void onlySlackPackage_usesSlackSdk() {
        noClasses().that().resideOutsideOfPackage("dev.deckhand.slack..")
                .should().dependOnClassesThat().resideInAPackage("com.slack..")
                .check(classes);
    }

    @Test
    void coreTypes_doNotDependOnFeatures() {
        noClasses().that().resideInAnyPackage("dev.deckhand.chat..", "dev.deckhand.command..", "dev.deckhand.access..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.deckhand.aws..", "dev.deckhand.slack..",
                        "dev.deckhand.console..", "dev.deckhand.app..")
                .check(classes);
    }

    /** The policy package is below the command package: its chat commands live in {@code roles}. */
    @Test
    void access_dependsOnNeitherCommandNorStore() {
        noClasses().that().resideInAPackage("dev.deckhand.access..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.deckhand.command..", "dev.deckhand.store..")
                .check(classes);
    }
}
