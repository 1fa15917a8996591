package dev.deckhand;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** Keeps the SDKs at the edges: handlers speak Deckhand's own types. */
class ArchitectureTest {

    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.deckhand");

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
}
