package vaelab.autograd;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import vaelab.tensor.Tensor;

class GradCheckSuiteTest {
    /** Every class whose public static methods are differentiable ops. */
    static final List<Class<?>> OP_CLASSES = List.of(Arithmetic.class, UnaryMath.class, Activations.class,
            MatMul.class, Reductions.class, Shaping.class, Softmax.class, Losses.class, KlDivergence.class,
            Convolution.class, Pooling.class);

    @TestFactory
    Stream<DynamicTest> everyCaseMatchesFiniteDifferences() {
        return GradCheckSuite.all().stream().map(c -> DynamicTest.dynamicTest(c.toString(), () -> {
            GradCheck.Result r = c.run();
            assertThat(r.checked()).isPositive();
            r.orThrow();
        }));
    }

    @Test
    void everyOpHasAGradientCheck() {
        Set<String> checked = GradCheckSuite.all().stream().map(GradCheckSuite.Case::op).collect(Collectors.toSet());
        Set<String> ops = new TreeSet<>();
        for (Class<?> c : OP_CLASSES) {
            for (Method m : c.getDeclaredMethods()) {
                if (Modifier.isPublic(m.getModifiers()) && Modifier.isStatic(m.getModifiers())
                        && m.getReturnType() == Tensor.class) {
                    ops.add(m.getName());
                }
            }
        }
        assertThat(ops).hasSizeGreaterThan(30);
        assertThat(checked).containsAll(ops);
    }
}
