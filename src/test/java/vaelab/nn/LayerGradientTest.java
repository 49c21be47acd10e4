package vaelab.nn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import vaelab.autograd.GradCheck;
import vaelab.tensor.Rng;
import vaelab.tensor.Tensor;

/** Every layer's gradient, through its input and through each of its parameters. */
class LayerGradientTest {
    /** Checks f against finite differences in x and in every parameter of {@code module}. */
    static void check(Module module, Function<Tensor, Tensor> f, Tensor x) {
        List<Tensor> inputs = new ArrayList<>();
        if (x != null) {
            inputs.add(x.requiresGrad(true));
        }
        inputs.addAll(module.parameters());
        GradCheck.Result r = GradCheck.check(in -> f.apply(x), inputs.toArray(new Tensor[0]));
        r.orThrow();
        assertThat(r.checked()).isGreaterThan(module.parameters().size());
    }

    @Test
    void dense() {
        Rng rng = new Rng(1);
        Dense d = new Dense(5, 3, rng);
        check(d, d::forward, Tensor.randn(rng, 4, 5));
        check(d, d::forward, Tensor.randn(rng, 2, 3, 5)); // batched leading axes
        check(d, d::forward, Tensor.randn(rng, 5)); // a single example
    }

    @Test
    void conv2d() {
        Rng rng = new Rng(2);
        Conv2d c = new Conv2d(2, 3, 3, 1, 1, rng);
        check(c, c::forward, Tensor.randn(rng, 2, 2, 5, 4));
        Conv2d strided = new Conv2d(3, 2, 4, 2, 1, Init.Scheme.HE_NORMAL, rng);
        check(strided, strided::forward, Tensor.randn(rng, 1, 3, 6, 6));
    }

    @Test
    void convTranspose2d() {
        Rng rng = new Rng(3);
        ConvTranspose2d c = new ConvTranspose2d(3, 2, 4, 2, 1, 0, rng);
        check(c, c::forward, Tensor.randn(rng, 2, 3, 3, 3));
        ConvTranspose2d odd = new ConvTranspose2d(2, 2, 3, 2, 1, 1, rng);
        check(odd, odd::forward, Tensor.randn(rng, 1, 2, 2, 3));
    }

    @Test
    void embeddingWithPadding() {
        Rng rng = new Rng(4);
        Embedding e = new Embedding(6, 3, 0, rng);
        int[] ids = {1, 0, 5, 5, 2, 0};
        check(e, x -> e.forward(ids, 2, 3), null);
        // The padding row gets no gradient, and its vector is zero.
        Tensor out = e.forward(ids, 2, 3);
        vaelab.autograd.Reductions.sum(out).backward();
        Tensor table = e.parameters().get(0);
        for (int j = 0; j < 3; j++) {
            assertThat(table.grad()[j]).isZero();
            assertThat(table.data()[j]).isZero();
        }
        assertThat(table.grad()[5 * 3]).isEqualTo(2f); // id 5 used twice
    }

    @Test
    void gruCell() {
        Rng rng = new Rng(5);
        GruCell cell = new GruCell(3, 4, rng);
        Tensor h = Tensor.randn(rng, 2, 4).requiresGrad(true);
        Tensor x = Tensor.randn(rng, 2, 3).requiresGrad(true);
        List<Tensor> inputs = new ArrayList<>(List.of(x, h));
        inputs.addAll(cell.parameters());
        GradCheck.check(in -> cell.forward(x, h), inputs.toArray(new Tensor[0])).orThrow();
    }

    @Test
    void gruSequenceWithMasking() {
        Rng rng = new Rng(6);
        Gru gru = new Gru(2, 3, rng);
        Tensor x = Tensor.randn(rng, 3, 4, 2);
        int[] lengths = {4, 2, 1};
        check(gru, in -> gru.forward(in, lengths, null).outputs(), x);
        check(gru, in -> gru.forward(in, lengths, null).last(), x);
    }

    @Test
    void layerNorm() {
        Rng rng = new Rng(7);
        LayerNorm ln = new LayerNorm(5);
        // Non-trivial gamma and beta, so their gradients are tested at a general point.
        for (Tensor p : ln.parameters()) {
            float[] d = p.data();
            for (int i = 0; i < d.length; i++) {
                d[i] += 0.3f * rng.nextGaussian();
            }
        }
        check(ln, ln::forward, Tensor.randn(rng, 3, 5));
    }

    @Test
    void dropoutWithAFixedMask() {
        Rng rng = new Rng(8);
        Tensor x = Tensor.randn(rng, 4, 6).requiresGrad(true);
        // A fresh generator per call, so every evaluation of the check draws the same mask.
        GradCheck.check(in -> new Dropout(0.5f, new Rng(9)).forward(in[0]), x).orThrow();
    }

    @Test
    void sequentialConvNet() {
        Rng rng = new Rng(10);
        Sequential net = new Sequential(new Conv2d(1, 2, 3, 1, 1, rng), Activation.tanh(), new MaxPool2d(2),
                new Flatten(), new Dense(2 * 2 * 2, 3, rng));
        check(net, net::forward, Tensor.randn(rng, 2, 1, 4, 4));
    }

    @Test
    void multiHeadAttentionCausalWithPadding() {
        Rng rng = new Rng(11);
        MultiHeadAttention a = new MultiHeadAttention(4, 2, true, rng);
        boolean[] keep = {true, true, false, true, true, true, false, false};
        check(a, in -> a.forward(in, keep), Tensor.randn(rng, 2, 4, 4));
    }

    @Test
    void transformerBlock() {
        Rng rng = new Rng(12);
        TransformerBlock block = new TransformerBlock(4, 2, 0f, rng);
        perturb(block, rng); // LayerNorm's gamma and beta away from 1 and 0
        check(block, in -> block.forward(in, null, null), Tensor.randn(rng, 2, 3, 4));
    }

    @Test
    void positionEmbedding() {
        Rng rng = new Rng(13);
        PositionEmbedding p = new PositionEmbedding(5, 3, rng);
        check(p, in -> p.forward(in, 1), Tensor.randn(rng, 2, 3, 3));
    }

    /** One position per sequence, each its own: the gradient, and the values of the uniform form's rows. */
    @Test
    void positionEmbeddingAtEachSequencesOwnPosition() {
        Rng rng = new Rng(15);
        PositionEmbedding p = new PositionEmbedding(5, 3, rng);
        int[] starts = {4, 0, 2};
        check(p, in -> p.forward(in, starts), Tensor.randn(rng, 3, 1, 3));
        Tensor x = Tensor.randn(rng, 3, 1, 3);
        float[] each = p.forward(x, starts).data();
        for (int i = 0; i < 3; i++) {
            Tensor row = Tensor.of(java.util.Arrays.copyOfRange(x.data(), i * 3, i * 3 + 3), 1, 1, 3);
            org.assertj.core.api.Assertions.assertThat(java.util.Arrays.copyOfRange(each, i * 3, i * 3 + 3))
                    .containsExactly(p.forward(row, starts[i]).data());
        }
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> p.forward(x, new int[] {1, 5, 0}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no position 5");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> p.forward(x, new int[] {1, 2}))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void residualBlock() {
        Rng rng = new Rng(14);
        Residual r = new Residual(new Sequential(new Conv2d(2, 3, 3, 1, 1, rng), Activation.tanh(), new Conv2d(3, 2, 1, 1, 0, rng)));
        check(r, r::forward, Tensor.randn(rng, 2, 2, 3, 3));
    }

    private static void perturb(Module m, Rng rng) {
        for (Tensor p : m.parameters()) {
            float[] d = p.data();
            for (int i = 0; i < d.length; i++) {
                d[i] += 0.3f * rng.nextGaussian();
            }
        }
    }
}
