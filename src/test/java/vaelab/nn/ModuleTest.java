package vaelab.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import vaelab.tensor.GradMode;
import vaelab.tensor.Rng;
import vaelab.tensor.Tensor;

class ModuleTest {
    static Sequential net(Rng rng) {
        return new Sequential(new Dense(4, 3, rng), Activation.relu(), new Dropout(0.5f, rng), new Dense(3, 2, rng));
    }

    @Test
    void parametersAreNamedLikePyTorch() {
        Sequential s = net(new Rng(1));
        assertThat(s.namedParameters().keySet()).containsExactly("0.weight", "0.bias", "3.weight", "3.bias");
        assertThat(s.parameterCount()).isEqualTo(4 * 3 + 3 + 3 * 2 + 2);
        assertThat(s.parameters()).allMatch(Tensor::requiresGrad);
    }

    @Test
    void trainAndEvalReachEveryChild() {
        Sequential s = net(new Rng(1));
        s.eval();
        assertThat(s.layers()).noneMatch(Module::isTraining);
        s.train();
        assertThat(s.layers()).allMatch(Module::isTraining);
    }

    @Test
    void dropoutIsTheIdentityInEvalMode() {
        Dropout d = new Dropout(0.5f, new Rng(2));
        Tensor x = Tensor.ones(1000);
        d.eval();
        assertThat(d.forward(x)).isSameAs(x);
        d.train();
        float[] y = d.forward(x).data();
        int zeros = 0;
        for (float v : y) {
            zeros += v == 0f ? 1 : 0;
            assertThat(v).isIn(0f, 2f);
        }
        assertThat(zeros).isBetween(430, 570);
    }

    @Test
    void loadStateCopiesValuesAndNamesProblems() {
        Sequential a = net(new Rng(1));
        Sequential b = net(new Rng(2));
        b.loadState(a.state());
        Tensor x = Tensor.randn(new Rng(3), 2, 4);
        a.eval();
        b.eval();
        try (var off = GradMode.disable()) {
            assertThat(b.forward(x).data()).containsExactly(a.forward(x).data());
        }
        Map<String, Tensor> wrong = new java.util.LinkedHashMap<>(a.state());
        wrong.put("0.bias", Tensor.zeros(5));
        assertThatThrownBy(() -> b.loadState(wrong)).hasMessageContaining("0.bias").hasMessageContaining("(5,)");
        wrong.remove("0.bias");
        assertThatThrownBy(() -> b.loadState(wrong)).hasMessageContaining("missing tensor '0.bias'");
    }

    @Test
    void duplicateNamesAreRejected() {
        assertThatThrownBy(() -> new Module() {
            {
                parameter("w", Tensor.zeros(1));
                parameter("w", Tensor.zeros(1));
            }
        }).hasMessageContaining("already has a member named 'w'");
    }

    @Test
    void summaryListsLayersWithShapesAndCounts() {
        Rng rng = new Rng(4);
        Sequential s = new Sequential(new Conv2d(1, 4, 3, 1, 1, rng), Activation.relu(), new MaxPool2d(2),
                new Flatten(), new Dense(4 * 14 * 14, 10, rng));
        String text = Summary.of(s, 1, 1, 28, 28);
        assertThat(text).contains("Conv2d(1 → 4, 3x3, stride 1, pad 1)").contains("(1, 4, 28, 28)")
                .contains("(1, 4, 14, 14)").contains("(1, 784)").contains("(1, 10)")
                .contains(String.format("%,d", 4 * 9 + 4 + 784 * 10 + 10));
        assertThat(Summary.tree(s)).contains("Dense(784 → 10)").contains("total parameters");
    }

    @Test
    void seededInitialisationRepeats() {
        assertThat(net(new Rng(5)).state().get("0.weight").data()).containsExactly(net(new Rng(5)).state().get("0.weight").data());
    }

    @Test
    void initialisationSchemesHaveTheirVariance() {
        Rng rng = new Rng(6);
        float[] he = Init.heNormal(rng, 200, 200, 200).data();
        float[] glorot = Init.glorotUniform(rng, 200, 300, 200, 300).data();
        assertThat(variance(he)).isBetween(0.0095, 0.0105); // 2/200
        assertThat(variance(glorot)).isBetween(0.0038, 0.0042); // 2/(200+300)
    }

    static double variance(float[] v) {
        double s = 0, sq = 0;
        for (float x : v) {
            s += x;
            sq += x * x;
        }
        double m = s / v.length;
        return sq / v.length - m * m;
    }

    @Test
    void gruCarriesStateThroughPaddingAndZeroesItsOutput() {
        Rng rng = new Rng(7);
        Gru gru = new Gru(2, 3, rng);
        Tensor x = Tensor.randn(rng, 2, 5, 2);
        Gru.Result padded = gru.forward(x, new int[] {5, 2}, null);
        // The second sequence alone, truncated to its length, ends in the same state.
        Tensor alone = vaelab.autograd.Shaping.slice(vaelab.autograd.Shaping.slice(x, 0, 1, 2), 1, 0, 2);
        Gru.Result single = gru.forward(alone, null, null);
        for (int j = 0; j < 3; j++) {
            assertThat(padded.last().get(1, j)).isCloseTo(single.last().get(0, j), org.assertj.core.data.Offset.offset(1e-6f));
            assertThat(padded.outputs().get(1, 3, j)).isZero();
        }
    }
}
