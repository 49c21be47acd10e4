package vaelab.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The engine packages depend on the JDK alone, so they can be embedded anywhere. */
class EngineDependenciesTest {
    static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("vaelab");

    static final String[] ENGINE = {"vaelab.tensor..", "vaelab.autograd..", "vaelab.nn..", "vaelab.optim.."};

    @Test
    void enginePackagesImportOnlyTheJdkAndTheEngine() {
        classes().that().resideInAnyPackage(ENGINE)
                .should().onlyDependOnClassesThat().resideInAnyPackage(
                        "java..", "jdk.incubator.vector..", "vaelab.tensor..", "vaelab.autograd..", "vaelab.nn..", "vaelab.optim..")
                .check(MAIN);
    }

    @Test
    void theTensorPackageDoesNotDependOnTheOpsAboveIt() {
        noClasses().that().resideInAPackage("vaelab.tensor..")
                .should().dependOnClassesThat().resideInAnyPackage("vaelab.autograd..", "vaelab.nn..", "vaelab.optim..")
                .check(MAIN);
    }
}
