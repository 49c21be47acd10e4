package vaelab.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import org.junit.jupiter.api.Test;

/**
 * The packages form the layers README.md's Layout table draws, each depending only on those below
 * it, and no two packages (data and data.scenes counted apart) depend on each other in a circle.
 */
class LayeringTest {
    @Test
    void packagesDependOnlyOnTheLayersBelowThem() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("tensor").definedBy("vaelab.tensor..")
                .layer("autograd").definedBy("vaelab.autograd..")
                .layer("optim").definedBy("vaelab.optim..")
                .layer("nn").definedBy("vaelab.nn..")
                .layer("io").definedBy("vaelab.io..")
                .layer("text").definedBy("vaelab.text..")
                .layer("scenes").definedBy("vaelab.data.scenes..")
                .layer("data").definedBy("vaelab.data")
                .layer("model").definedBy("vaelab.model..")
                .layer("eval").definedBy("vaelab.eval..")
                .layer("train").definedBy("vaelab.train..")
                .layer("report").definedBy("vaelab.report..")
                .layer("api").definedBy("vaelab.api..")
                .layer("lab").definedBy("vaelab.lab..")
                .layer("cli").definedBy("vaelab.cli..")
                .whereLayer("tensor").mayNotAccessAnyLayer()
                .whereLayer("autograd").mayOnlyAccessLayers("tensor")
                .whereLayer("optim").mayOnlyAccessLayers("tensor")
                .whereLayer("nn").mayOnlyAccessLayers("tensor", "autograd")
                .whereLayer("io").mayOnlyAccessLayers("tensor")
                .whereLayer("text").mayNotAccessAnyLayer()
                .whereLayer("scenes").mayOnlyAccessLayers("tensor", "text")
                .whereLayer("data").mayOnlyAccessLayers("tensor", "io", "scenes")
                .whereLayer("model").mayOnlyAccessLayers("tensor", "autograd", "nn", "io", "text", "scenes", "data")
                .whereLayer("eval").mayOnlyAccessLayers("tensor", "autograd", "nn", "text", "scenes", "data", "model")
                .whereLayer("train").mayOnlyAccessLayers("tensor", "autograd", "optim", "nn", "io", "text", "scenes", "data",
                        "model", "eval")
                .whereLayer("report").mayOnlyAccessLayers("tensor", "scenes", "data", "model", "train")
                .whereLayer("api").mayOnlyAccessLayers("tensor", "nn", "io", "text", "scenes", "data", "model", "train")
                .whereLayer("lab").mayOnlyAccessLayers("tensor", "nn", "io", "scenes", "data", "model", "eval", "train",
                        "report", "api")
                .whereLayer("cli").mayOnlyAccessLayers("tensor", "autograd", "nn", "io", "text", "scenes", "data", "model",
                        "eval", "train", "report", "api", "lab")
                .check(EngineDependenciesTest.MAIN);
    }

    @Test
    void noPackagesDependOnEachOtherInACircle() {
        slices().matching("vaelab.(**)").should().beFreeOfCycles().check(EngineDependenciesTest.MAIN);
    }

    /** The generator of scenes stands on its own: the data sets are made from it, never the other way. */
    @Test
    void theScenesGeneratorDoesNotImportTheDataSetsMadeFromIt() {
        noClasses().that().resideInAPackage("vaelab.data.scenes..")
                .should().dependOnClassesThat().resideInAPackage("vaelab.data")
                .check(EngineDependenciesTest.MAIN);
    }
}
