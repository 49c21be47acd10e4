package vaelab.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import vaelab.data.LabeledImages;
import vaelab.model.MlpVae;
import vaelab.model.VariationalAutoencoder;
import vaelab.train.TrainingListener;
import vaelab.train.EpochTrainer;
import vaelab.train.VaeTrainer;
import vaelab.testing.ToyImages;
import vaelab.tensor.Rng;

class VaeEvaluationTest {
    @Test
    void logMeanExpIsStable() {
        assertThat(VaeEvaluation.logMeanExp(new double[] {-1000, -1000})).isCloseTo(-1000, within(1e-9));
        assertThat(VaeEvaluation.logMeanExp(new double[] {1000, 1000 + Math.log(3)})).isCloseTo(1000 + Math.log(2), within(1e-9));
        assertThat(VaeEvaluation.logMeanExp(new double[] {0, Double.NEGATIVE_INFINITY})).isCloseTo(Math.log(0.5), within(1e-12));
    }

    @Test
    void theImportanceWeightedBoundIsTighterThanTheElbo() throws Exception {
        LabeledImages train = ToyImages.blobs(200, 2);
        LabeledImages test = ToyImages.blobs(60, 3);
        MlpVae vae = new MlpVae(new int[] {1, 8, 8}, 32, 4, VariationalAutoencoder.Likelihood.BERNOULLI, new Rng(1));
        new VaeTrainer(vae, new VaeTrainer.Options(3, 16, 3e-3f, 5, 0f, 0f, 1f), train, test).run(EpochTrainer.Checkpoint.NONE, TrainingListener.SILENT);
        VaeEvaluation.Result one = VaeEvaluation.evaluate(vae, test, 1, 7);
        VaeEvaluation.Result many = VaeEvaluation.evaluate(vae, test, 200, 7);
        // −log p(x) ≤ IWAE_k NLL ≤ −ELBO in expectation, and more samples tighten it.
        assertThat(many.iwaeNll()).isLessThan(many.negElbo());
        assertThat(many.iwaeNll()).isLessThan(one.iwaeNll());
        // k = 1 is the ELBO itself (up to sampling noise).
        assertThat(one.iwaeNll()).isCloseTo(one.negElbo(), within(0.05 * Math.abs(one.negElbo()) + 1));
        assertThat(many.negElbo()).isCloseTo(many.reconstruction() + many.kl(), within(1e-6));
        double klSum = 0;
        for (double k : many.klPerDimension()) {
            klSum += k;
        }
        assertThat(klSum).isCloseTo(many.kl(), within(1e-4));
        assertThat(many.activeUnits()).isBetween(1, 4);
        assertThat(many.images()).isEqualTo(60);
    }

    @Test
    void anUntrainedEncoderHasNoActiveUnits() {
        MlpVae vae = new MlpVae(new int[] {1, 8, 8}, 16, 3, VariationalAutoencoder.Likelihood.BERNOULLI, new Rng(1));
        // Zero the encoder's mean weights: every image gets the same mean, so no unit is active.
        java.util.Arrays.fill(vae.namedParameters().get("fc21.weight").data(), 0f);
        VaeEvaluation.Result r = VaeEvaluation.evaluate(vae, ToyImages.blobs(30, 4), 0, 1);
        assertThat(r.activeUnits()).isZero();
        assertThat(Double.isNaN(r.iwaeNll())).isTrue();
    }
}
