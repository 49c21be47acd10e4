package vaelab.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.domain.JavaModifier;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vaelab.api.TextImageModel;
import vaelab.api.TextImageTraining;
import vaelab.testing.TinySceneModel;

/**
 * What a team embedding vaelab in a locked-down JVM relies on: no native code anywhere, and library
 * code that neither ends the JVM, nor prints, nor leaves threads behind. Only the command line
 * ({@code vaelab.cli}) may print and exit.
 */
class EmbeddingGuaranteesTest {
    @TempDir
    Path dir;

    @Test
    void noClassDeclaresANativeMethod() {
        List<String> natives = new ArrayList<>();
        for (JavaClass c : EngineDependenciesTest.MAIN) {
            for (JavaMethod m : c.getMethods()) {
                if (m.getModifiers().contains(JavaModifier.NATIVE)) {
                    natives.add(m.getFullName());
                }
            }
        }
        assertThat(natives).isEmpty();
        assertThat(EngineDependenciesTest.MAIN.size()).as("classes scanned").isGreaterThan(100);
    }

    @Test
    void noClassLoadsANativeLibrary() {
        noClasses().should().callMethod(System.class, "loadLibrary", String.class)
                .orShould().callMethod(System.class, "load", String.class)
                .orShould().callMethod(Runtime.class, "loadLibrary", String.class)
                .orShould().callMethod(Runtime.class, "load", String.class)
                .check(EngineDependenciesTest.MAIN);
    }

    @Test
    void libraryCodeNeverExitsNorPrints() {
        noClasses().that().resideOutsideOfPackage("vaelab.cli..")
                .should().callMethod(System.class, "exit", int.class)
                .orShould().callMethod(Runtime.class, "exit", int.class)
                .orShould().callMethod(Runtime.class, "halt", int.class)
                .orShould().accessField(System.class, "out")
                .orShould().accessField(System.class, "err")
                .orShould().callMethod(Throwable.class, "printStackTrace")
                .check(EngineDependenciesTest.MAIN);
    }

    @Test
    void noJarOnTheClasspathCarriesANativeLibrary() throws IOException {
        List<String> jars = new ArrayList<>();
        List<String> found = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (!entry.endsWith(".jar")) {
                continue;
            }
            jars.add(entry);
            try (ZipFile zip = new ZipFile(entry)) {
                Enumeration<? extends ZipEntry> e = zip.entries();
                while (e.hasMoreElements()) {
                    String name = e.nextElement().getName().toLowerCase(java.util.Locale.ROOT);
                    if (name.endsWith(".so") || name.contains(".so.") || name.endsWith(".dll") || name.endsWith(".dylib")
                            || name.endsWith(".jnilib")) {
                        found.add(entry + "!" + name);
                    }
                }
            }
        }
        // The runtime dependencies are among the jars scanned (the test classpath is a superset).
        assertThat(jars).anyMatch(j -> j.contains("picocli")).anyMatch(j -> j.contains("ejml")).anyMatch(j -> j.contains("jfreechart"));
        assertThat(found).isEmpty();
    }

    @Test
    void callsLeaveNoNonDaemonThreadBehind() throws Exception {
        Set<Thread> before = nonDaemonThreads();
        TinySceneModel.write(dir.resolve("m.vae"));
        TextImageModel m = TextImageModel.load(dir.resolve("m.vae"));
        m.generate("a sunny meadow", 4, 1);
        m.describe(new float[3072]);
        List<TextImageTraining.Example> data = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            data.add(new TextImageTraining.Example(new float[3072], "a lake number " + i));
        }
        TextImageTraining.defaults().withEpochs(1).withLatent(2).train(data, vaelab.api.ProgressListener.NONE);
        Set<Thread> after = nonDaemonThreads();
        after.removeAll(before);
        assertThat(after).as("non-daemon threads started by the calls").isEmpty();
    }

    private static Set<Thread> nonDaemonThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.isAlive() && !t.isDaemon()).collect(Collectors.toSet());
    }
}
