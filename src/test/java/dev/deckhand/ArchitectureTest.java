package dev.deckhand;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

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

    /** Each package (with its sub-packages split out: aws.ec2 is not aws.network) is a slice; no two depend on each other. */
    @Test
    void packages_areFreeOfCycles() {
        slices().matching("dev.deckhand.(**)").should().beFreeOfCycles().check(classes);
    }

    /** The plan vocabulary is the product's own: it knows no feature, no SDK, no command text. */
    @Test
    void plans_dependOnNothingButThemselves() {
        noClasses().that().resideInAPackage("dev.deckhand.plan..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.deckhand.command..", "dev.deckhand.access..",
                        "dev.deckhand.approval..", "dev.deckhand.aws..", "dev.deckhand.chat..", "dev.deckhand.store..")
                .check(classes);
    }

    /**
     * The guards read plans, never a command's arguments or spec: the policy, the permission check,
     * and the approval gate and executor (approve/deny/cancel read their own arguments, the request id).
     */
    @Test
    void guards_neverReadArguments() {
        noClasses().that().haveFullyQualifiedName("dev.deckhand.access.PlanPolicy")
                .or().haveFullyQualifiedName("dev.deckhand.access.PermissionChecker")
                .or().haveFullyQualifiedName("dev.deckhand.approval.ApprovalRequester")
                .or().haveFullyQualifiedName("dev.deckhand.approval.ApprovalExecutor")
                .should().dependOnClassesThat().haveFullyQualifiedName("dev.deckhand.command.Arguments")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("dev.deckhand.command.CommandSpec")
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
