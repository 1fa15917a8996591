package dev.deckhand.costwatch;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** Cost watch reaches AWS only through its ports (LeakScanner, LeakCleaner), and knows no app or chat adapter. */
class CostWatchBoundariesTest {

    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.deckhand.costwatch");

    @Test
    void costWatch_dependsOnNoAwsAppOrAdapterCode() {
        noClasses().that().resideInAPackage("dev.deckhand.costwatch..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.deckhand.aws..", "software.amazon..",
                        "dev.deckhand.app..", "dev.deckhand.slack..", "dev.deckhand.console..")
                .check(classes);
    }
}
