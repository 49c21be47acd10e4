package vaelab.autograd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.ejml.data.FMatrixRMaj;
import org.ejml.dense.row.CommonOps_FDRM;
import org.junit.jupiter.api.Test;
import vaelab.tensor.Rng;
import vaelab.tensor.Shape;
import vaelab.tensor.Tensor;

/** Forward values where they are known exactly, or from a reference. */
class OpValuesTest {
    static Tensor t(float[] v, int... dims) {
        return Tensor.of(v, dims);
    }

    @Test
    void broadcastingArithmetic() {
        Tensor a = t(new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
        Tensor b = t(new float[] {10, 20, 30}, 3);
        assertThat(Arithmetic.add(a, b).data()).containsExactly(11, 22, 33, 14, 25, 36);
        assertThat(Arithmetic.sub(a, t(new float[] {1, 2}, 2, 1)).data()).containsExactly(0, 1, 2, 2, 3, 4);
        assertThat(Arithmetic.mul(a, Tensor.scalar(2f)).data()).containsExactly(2, 4, 6, 8, 10, 12);
        assertThat(Arithmetic.div(b, t(new float[] {10}, 1)).data()).containsExactly(1, 2, 3);
        assertThatThrownBy(() -> Arithmetic.add(a, t(new float[] {1, 2}, 2)))
                .hasMessageContaining("(2, 3)").hasMessageContaining("(2,)");
    }

    @Test
    void matmulAgreesWithEjml() {
        Rng rng = new Rng(9);
        for (int[] mkn : new int[][] {{1, 1, 1}, {7, 33, 5}, {16, 9, 127}, {3, 64, 2}}) {
            int m = mkn[0], k = mkn[1], n = mkn[2];
            Tensor a = Tensor.randn(rng, m, k);
            Tensor b = Tensor.randn(rng, k, n);
            FMatrixRMaj c = new FMatrixRMaj(m, n);
            CommonOps_FDRM.mult(new FMatrixRMaj(m, k, true, a.data()), new FMatrixRMaj(k, n, true, b.data()), c);
            float[] ours = MatMul.matmul(a, b).data();
            for (int i = 0; i < ours.length; i++) {
                assertThat(ours[i]).isCloseTo(c.data[i], within(1e-4f * (1 + Math.abs(c.data[i]))));
            }
        }
    }

    @Test
    void affineHasTheBitsOfAddAfterMatmulForwardAndBackward() {
        Rng rng = new Rng(12);
        // The last shape is the MLP VAE's first layer: its k spans several of the GEMM's blocks.
        for (int[] dims : new int[][] {{1, 1, 1}, {5, 3, 7}, {2, 9, 16, 33}, {128, 784, 400}}) {
            int[] xDims = java.util.Arrays.copyOf(dims, dims.length - 1);
            int k = dims[dims.length - 2];
            int n = dims[dims.length - 1];
            Tensor x = Tensor.randn(rng, xDims).requiresGrad(true);
            Tensor w = Tensor.randn(rng, k, n).requiresGrad(true);
            Tensor b = Tensor.randn(rng, n).requiresGrad(true);
            Tensor upstream = Tensor.randn(rng, Shaping.reshape(x, -1, k).dim(0), n);

            Tensor fused = MatMul.affine(x, w, b);
            Reductions.sum(Arithmetic.mul(Shaping.reshape(fused, -1, n), upstream)).backward();
            float[][] fusedGrads = {x.grad().clone(), w.grad().clone(), b.grad().clone()};
            x.zeroGrad();
            w.zeroGrad();
            b.zeroGrad();
            Tensor composed = Arithmetic.add(MatMul.matmul(x, w), b);
            Reductions.sum(Arithmetic.mul(Shaping.reshape(composed, -1, n), upstream)).backward();

            assertThat(fused.shape()).isEqualTo(composed.shape());
            assertThat(fused.data()).containsExactly(composed.data());
            assertThat(fusedGrads[0]).containsExactly(x.grad());
            assertThat(fusedGrads[1]).containsExactly(w.grad());
            assertThat(fusedGrads[2]).containsExactly(b.grad());
        }
        assertThatThrownBy(() -> MatMul.affine(Tensor.zeros(2, 3), Tensor.zeros(4, 5), Tensor.zeros(5)))
                .hasMessageContaining("(2, 3)");
        assertThatThrownBy(() -> MatMul.affine(Tensor.zeros(2, 4), Tensor.zeros(4, 5), Tensor.zeros(4)))
                .hasMessageContaining("do not fit");
    }

    @Test
    void batchedMatmulIsOneProductPerBatch() {
        Rng rng = new Rng(4);
        Tensor a = Tensor.randn(rng, 3, 2, 4);
        Tensor b = Tensor.randn(rng, 3, 4, 5);
        Tensor c = MatMul.matmul(a, b);
        assertThat(c.shape()).isEqualTo(Shape.of(3, 2, 5));
        for (int s = 0; s < 3; s++) {
            Tensor as = Shaping.reshape(Shaping.slice(a, 0, s, s + 1), 2, 4);
            Tensor bs = Shaping.reshape(Shaping.slice(b, 0, s, s + 1), 4, 5);
            Tensor cs = Shaping.reshape(Shaping.slice(c, 0, s, s + 1), 2, 5);
            assertThat(cs.data()).containsExactly(MatMul.matmul(as, bs).data());
        }
        assertThatThrownBy(() -> MatMul.matmul(a, Tensor.zeros(3, 5, 5))).hasMessageContaining("inner dimensions");
        assertThatThrownBy(() -> MatMul.matmul(a, Tensor.zeros(2, 4, 5))).hasMessageContaining("batch dimensions");
    }

    @Test
    void reductions() {
        Tensor x = t(new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
        assertThat(Reductions.sum(x).item()).isEqualTo(21f);
        assertThat(Reductions.mean(x).item()).isEqualTo(3.5f);
        assertThat(Reductions.sum(x, false, 0).data()).containsExactly(5, 7, 9);
        assertThat(Reductions.sum(x, true, 1).shape()).isEqualTo(Shape.of(2, 1));
        assertThat(Reductions.sum(x, true, 1).data()).containsExactly(6, 15);
        assertThat(Reductions.mean(x, false, 1).data()).containsExactly(2, 5);
        assertThat(Reductions.max(x, 0, false).data()).containsExactly(4, 5, 6);
        assertThat(Reductions.max(t(new float[] {3, 9, 9, 1}, 4)).item()).isEqualTo(9f);
    }

    @Test
    void maxSendsTheGradientToTheFirstOfTiedMaxima() {
        Tensor x = t(new float[] {3, 9, 9, 1}, 4).requiresGrad(true);
        Reductions.max(x).backward();
        assertThat(x.grad()).containsExactly(0, 1, 0, 0);
    }

    @Test
    void shaping() {
        Tensor x = t(new float[] {0, 1, 2, 3, 4, 5}, 2, 3);
        assertThat(Shaping.transpose(x, 0, 1).data()).containsExactly(0, 3, 1, 4, 2, 5);
        assertThat(Shaping.reshape(x, 3, -1).shape()).isEqualTo(Shape.of(3, 2));
        assertThatThrownBy(() -> Shaping.reshape(x, 4, -1)).hasMessageContaining("(2, 3)");
        assertThat(Shaping.concat(1, x, t(new float[] {9, 9}, 2, 1)).data()).containsExactly(0, 1, 2, 9, 3, 4, 5, 9);
        assertThat(Shaping.slice(x, 1, 1, 3).data()).containsExactly(1, 2, 4, 5);
        assertThat(Shaping.gather(x, 0, new int[] {1, 1, 0}).data()).containsExactly(3, 4, 5, 3, 4, 5, 0, 1, 2);
        assertThatThrownBy(() -> Shaping.gather(x, 0, new int[] {2})).hasMessageContaining("index 2");
        assertThatThrownBy(() -> Shaping.concat(0, x, Tensor.zeros(1, 2))).hasMessageContaining("(1, 2)");
        Tensor y = Tensor.randn(new Rng(1), 2, 3, 4);
        Tensor back = Shaping.permute(Shaping.permute(y, 2, 0, 1), 1, 2, 0);
        assertThat(back.data()).containsExactly(y.data());
    }

    @Test
    void softmaxRowsSumToOne() {
        Tensor x = Tensor.randn(new Rng(5), 4, 7);
        Tensor s = Softmax.softmax(x, -1);
        Tensor ls = Softmax.logSoftmax(x, -1);
        for (int r = 0; r < 4; r++) {
            double total = 0;
            for (int j = 0; j < 7; j++) {
                total += s.get(r, j);
                assertThat(Math.exp(ls.get(r, j))).isCloseTo(s.get(r, j), within(1e-6));
            }
            assertThat(total).isCloseTo(1.0, within(1e-6));
        }
    }

    @Test
    void lossesAtKnownPoints() {
        // At logit 0 the Bernoulli probability is ½, so BCE is ln 2 whatever the target.
        Tensor bce = Losses.bceWithLogits(Tensor.zeros(2, 3), Tensor.full(0.3f, 2, 3), Reduction.SUM);
        assertThat(bce.item()).isCloseTo((float) (6 * Math.log(2)), within(1e-5f));
        // Uniform logits over 4 classes: cross-entropy ln 4 per row.
        assertThat(Losses.crossEntropy(Tensor.zeros(3, 4), new int[] {0, 1, 3}, Reduction.MEAN).item())
                .isCloseTo((float) Math.log(4), within(1e-6f));
        assertThat(Losses.mse(t(new float[] {1, 2}, 2), t(new float[] {0, 4}, 2), Reduction.SUM).item()).isEqualTo(5f);
        // N(0, 1) density at 0 is 1/√(2π): NLL ½ ln 2π.
        assertThat(Losses.gaussianNll(Tensor.zeros(1), Tensor.zeros(1), Tensor.zeros(1), Reduction.SUM).item())
                .isCloseTo((float) (0.5 * Math.log(2 * Math.PI)), within(1e-6f));
        // KL of N(0, 1) from itself is 0; of N(1, 1) it is ½.
        assertThat(KlDivergence.standardNormal(Tensor.zeros(5), Tensor.zeros(5), Reduction.SUM).item()).isZero();
        assertThat(KlDivergence.standardNormal(Tensor.ones(1), Tensor.zeros(1), Reduction.SUM).item()).isEqualTo(0.5f);
        // Two Gaussians: 0 where they agree; against N(0, I) the standard-normal KL; by hand for one pair.
        Tensor m = Tensor.of(new float[] {0.3f, -1.2f, 2f}, 3);
        Tensor lv = Tensor.of(new float[] {-0.5f, 0.4f, 1.1f}, 3);
        assertThat(KlDivergence.gaussian(m, lv, m, lv, Reduction.SUM).item()).isZero();
        assertThat(KlDivergence.gaussian(m, lv, Tensor.zeros(3), Tensor.zeros(3), Reduction.SUM).item())
                .isCloseTo(KlDivergence.standardNormal(m, lv, Reduction.SUM).item(), org.assertj.core.data.Offset.offset(1e-6f));
        // KL(N(1, 1) ‖ N(0, e²)) = ½(2 − 0 + (1 + 1)·e^−2 − 1) = ½(1 + 2e^−2)
        assertThat(KlDivergence.gaussian(Tensor.ones(1), Tensor.zeros(1), Tensor.zeros(1), Tensor.of(new float[] {2f}, 1), Reduction.SUM)
                .item()).isCloseTo((float) (0.5 * (1 + 2 * Math.exp(-2))), org.assertj.core.data.Offset.offset(1e-6f));
        // BATCH_MEAN divides the sum by the batch: 4 rows of 3 elements of ln 2 each → 3 ln 2.
        assertThat(Losses.bceWithLogits(Tensor.zeros(4, 3), Tensor.zeros(4, 3), Reduction.BATCH_MEAN).item())
                .isCloseTo((float) (3 * Math.log(2)), within(1e-5f));
        assertThat(Losses.mse(Tensor.zeros(2, 2), Tensor.ones(2, 2), Reduction.NONE).shape()).isEqualTo(Shape.of(2, 2));
        assertThatThrownBy(() -> Losses.crossEntropy(Tensor.zeros(2, 3), new int[] {0, 3}, Reduction.SUM))
                .hasMessageContaining("target 3");
    }

    @Test
    void activations() {
        Tensor x = t(new float[] {-2, 0.5f}, 2);
        assertThat(Activations.relu(x).data()).containsExactly(0f, 0.5f);
        assertThat(Activations.leakyRelu(x, 0.1f).data()).containsExactly(-0.2f, 0.5f);
        assertThat(Activations.sigmoid(Tensor.zeros(1)).item()).isEqualTo(0.5f);
        assertThat(Activations.softplus(Tensor.zeros(1)).item()).isCloseTo((float) Math.log(2), within(1e-7f));
        assertThat(UnaryMath.abs(x).data()).containsExactly(2f, 0.5f);
        assertThat(UnaryMath.pow(t(new float[] {3}, 1), 2f).item()).isEqualTo(9f);
    }
}
